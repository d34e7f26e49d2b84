// A single-page app: the browser renders everything after fetching /config.json; nothing is
// prerendered because every page depends on who is signed in.
export const ssr = false;
export const prerender = false;
