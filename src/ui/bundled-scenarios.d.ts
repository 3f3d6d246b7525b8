/** Resolved by scripts/build.ts: the texts of `scenarios/*.yaml`, bundled at build time. */
declare module 'ferrosim:bundled-scenarios' {
  const scenarios: readonly { name: string; text: string }[];
  export default scenarios;
}
