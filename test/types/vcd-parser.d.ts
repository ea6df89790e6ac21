// vcd-parser ships no types; this is the part the tests use.
declare module 'vcd-parser' {
  const VCDParser: { parse(content: string, options?: { compress?: boolean }): Promise<unknown> };
  export default VCDParser;
}
