/** Fixture files imported as their exact text (Vite's `?raw`), so a test signs and parses
 * the provider's bytes, escaped unicode and all. */
declare module "*?raw" {
  const text: string;
  export default text;
}
