/**
 * @module A portal's categories and the folders inside them (issue 17): every agent lists
 * them (to file articles); admins arrange them. A category's slug is unique in its portal
 * (409); categories and folders are deleted only once empty.
 */
import { createRoute } from "@hono/zod-openapi";
import { newId } from "../db/client";
import { unlessDuplicate } from "../db/constraint-errors";
import { deleteEmptyCategory, deleteEmptyFolder, findCategory, findPortal, insertCategory, insertFolder, listCategories, updateCategory, updateFolder } from "../db/hc-portals";
import { ApiError } from "../http/api-error";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { CreateCategoryBody, CreateFolderBody, HcCategory, HcCategoryList, HcFolder, Ok, UpdateCategoryBody, UpdateFolderBody } from "../protocol";
import { adminOrToken, agentOr, writeErrors } from "./access";
import { IdParam } from "./params";
import { portalMissing } from "./hc-portals";

const slugTaken = () => new ApiError(409, "conflict", "The portal already has a category with this slug.");
const categoryMissing = () => new ApiError(404, "category_not_found", "No help center category with that id.");
const folderMissing = () => new ApiError(404, "folder_not_found", "No help center folder with that id.");
const notEmpty = (what: string) => new ApiError(409, "conflict", `Move or delete the ${what} first.`);

const list = createRoute({
  method: "get",
  path: "/api/v1/help-center/portals/{id}/categories",
  ...agentOr("articles:manage"),
  request: { params: IdParam },
  responses: { 200: jsonResponse(HcCategoryList, "The portal's categories with their folders, in order"), 401: errors[401], 403: errors[403], 404: errors[404] },
});
const createCategory = createRoute({
  method: "post",
  path: "/api/v1/help-center/portals/{id}/categories",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(CreateCategoryBody) },
  responses: { 201: jsonResponse(HcCategory, "Category created"), ...writeErrors, 409: errors[409] },
});
const patchCategory = createRoute({
  method: "patch",
  path: "/api/v1/help-center/categories/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdateCategoryBody) },
  responses: { 200: jsonResponse(HcCategory, "Category updated"), ...writeErrors, 409: errors[409] },
});
const deleteCategory = createRoute({
  method: "delete",
  path: "/api/v1/help-center/categories/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Ok, "Category deleted"), ...writeErrors, 409: errors[409] },
});
const createFolder = createRoute({
  method: "post",
  path: "/api/v1/help-center/categories/{id}/folders",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(CreateFolderBody) },
  responses: { 201: jsonResponse(HcFolder, "Folder created"), ...writeErrors },
});
const patchFolder = createRoute({
  method: "patch",
  path: "/api/v1/help-center/folders/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdateFolderBody) },
  responses: { 200: jsonResponse(HcFolder, "Folder updated"), ...writeErrors },
});
const deleteFolder = createRoute({
  method: "delete",
  path: "/api/v1/help-center/folders/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Ok, "Folder deleted"), ...writeErrors, 409: errors[409] },
});

export const hcCategoryRoutes = router()
  .openapi(list, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await findPortal(c.var.db, id))) throw portalMissing();
    return c.json({ categories: await listCategories(c.var.db, id) }, 200);
  })
  .openapi(createCategory, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await findPortal(c.var.db, id))) throw portalMissing();
    const category = await unlessDuplicate(insertCategory(c.var.db, newId(), id, c.req.valid("json"), Date.now()));
    if (category === "duplicate") throw slugTaken();
    return c.json(category, 201);
  })
  .openapi(patchCategory, async (c) => {
    const category = await unlessDuplicate(updateCategory(c.var.db, c.req.valid("param").id, c.req.valid("json")));
    if (category === "duplicate") throw slugTaken();
    if (!category) throw categoryMissing();
    return c.json(category, 200);
  })
  .openapi(deleteCategory, async (c) => {
    const outcome = await deleteEmptyCategory(c.var.db, c.req.valid("param").id);
    if (outcome === "missing") throw categoryMissing();
    if (outcome === "not_empty") throw notEmpty("category's folders and articles");
    return c.json({ ok: true as const }, 200);
  })
  .openapi(createFolder, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await findCategory(c.var.db, id))) throw categoryMissing();
    return c.json(await insertFolder(c.var.db, newId(), id, c.req.valid("json"), Date.now()), 201);
  })
  .openapi(patchFolder, async (c) => {
    const folder = await updateFolder(c.var.db, c.req.valid("param").id, c.req.valid("json"));
    if (!folder) throw folderMissing();
    return c.json(folder, 200);
  })
  .openapi(deleteFolder, async (c) => {
    const outcome = await deleteEmptyFolder(c.var.db, c.req.valid("param").id);
    if (outcome === "missing") throw folderMissing();
    if (outcome === "not_empty") throw notEmpty("folder's articles");
    return c.json({ ok: true as const }, 200);
  });

