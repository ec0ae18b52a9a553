// xhr2 ships no types; the tests only hand its constructor to code that expects a browser's.
declare module 'xhr2' {
  const XMLHttpRequest: new () => unknown;
  export default XMLHttpRequest;
}
