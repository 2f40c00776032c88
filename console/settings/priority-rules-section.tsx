/**
 * @module Settings → Priority rules (admins): the segment rules that lift every contact
 * with a tag, or with an attribute value, in the queue. Add, edit (a rule keeps its kind)
 * and delete; the tag list comes from the shared directory.
 */
import { useMemo } from "preact/hooks";
import type { PriorityRule, Tag } from "../../worker/protocol";
import { useDirectory } from "../shared/use-directory";
import { Field } from "./form-field";
import { ItemFormFrame, useItemForm, type ItemFormProps } from "./item-form";
import { ListSection, type ItemKind } from "./list-section";
import { CreateRuleForm, UpdateRuleForm, priorityRulesApi, type RuleValues } from "./priority-rules-api";
import { priorityWords as t } from "./priority-strings";
import type { SectionProps } from "./section-parts";

function ruleName(rule: PriorityRule, tagsById: ReadonlyMap<string, Tag>): string {
  if (rule.kind === "attribute") return t.ruleName.attribute(rule.key, rule.value);
  return t.ruleName.tag(tagsById.get(rule.tagId)?.name ?? t.unknownTag);
}

export function PriorityRulesSection(props: SectionProps) {
  const { tags, tagsById } = useDirectory();
  const kind = useMemo<ItemKind<PriorityRule, RuleValues>>(
    () => ({
      id: "priority-rules",
      words: t,
      name: (rule) => ruleName(rule, tagsById),
      api: priorityRulesApi,
      form: (formProps) => <RuleForm {...formProps} tags={tags} />,
      summary: (rule) => (
        <>
          <span class="priority-rule-name">{ruleName(rule, tagsById)}</span>
          <span class="priority-rule-priority">
            {t.priority}: <strong>{rule.priority}</strong>
          </span>
        </>
      ),
    }),
    [tags, tagsById],
  );
  return <ListSection {...props} kind={kind} load={priorityRulesApi.list} />;
}

function valuesOf(rule: PriorityRule | undefined): RuleValues {
  if (!rule) return { kind: "tag", tagId: "", key: "", value: "", priority: "50" };
  if (rule.kind === "tag") return { kind: "tag", tagId: rule.tagId, key: "", value: "", priority: String(rule.priority) };
  return { kind: "attribute", tagId: "", key: rule.key, value: rule.value, priority: String(rule.priority) };
}

function RuleForm(props: ItemFormProps<PriorityRule, RuleValues> & { tags: readonly Tag[] }) {
  const form = useItemForm(props, {
    values: valuesOf(props.initial),
    // The protocol's own bodies, fed what the request will carry (priority-rules-api.ts).
    schema: (props.initial ? UpdateRuleForm : CreateRuleForm) as never,
    messages: { tagId: t.tagInvalid, key: t.keyInvalid, value: t.valueInvalid, priority: t.priorityInvalid },
    uniqueField: "priority",
    clearAfterAdd: ["key", "value"],
  });
  const { values, save } = form;
  const fields = save.failure.fields;
  return (
    <ItemFormFrame form={form} label={props.label} submitLabel={props.submitLabel} onCancel={props.onCancel}>
      <Field label={t.kind}>
        {(aria) => (
          // A rule never changes kind (the API has no such edit): fixed while editing.
          <select {...aria} value={values.kind} disabled={Boolean(props.initial)} onChange={(e) => form.set("kind", e.currentTarget.value)}>
            <option value="tag">{t.kinds.tag}</option>
            <option value="attribute">{t.kinds.attribute}</option>
          </select>
        )}
      </Field>
      {values.kind === "tag" ? (
        <Field label={t.tag} error={fields.tagId}>
          {(aria) => (
            <select {...aria} value={values.tagId} onChange={(e) => form.set("tagId", e.currentTarget.value)}>
              <option value="">{t.chooseTag}</option>
              {props.tags.map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {tag.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <>
          <Field label={t.key} error={fields.key}>
            {(aria) => <input {...aria} value={values.key} maxLength={64} autoComplete="off" onInput={(e) => form.set("key", e.currentTarget.value)} />}
          </Field>
          <Field label={t.value} hint={t.valueHint} error={fields.value}>
            {(aria) => <input {...aria} value={values.value} maxLength={500} autoComplete="off" onInput={(e) => form.set("value", e.currentTarget.value)} />}
          </Field>
        </>
      )}
      <Field label={t.priority} hint={t.priorityHint} error={fields.priority}>
        {(aria) => <input {...aria} ref={form.firstRef} type="number" min={1} max={100} step={1} inputMode="numeric" value={values.priority} onInput={(e) => form.set("priority", e.currentTarget.value)} />}
      </Field>
    </ItemFormFrame>
  );
}
