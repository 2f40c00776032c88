// Tells workers-types what the main module exports, so `exports` from
// "cloudflare:workers" (ctx.exports) is typed. `wrangler types` would generate this.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("./index");
    durableNamespaces: "ConversationRoom" | "TeamQueue";
  }
}
