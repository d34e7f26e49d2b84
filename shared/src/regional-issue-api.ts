/** Regional issues (地域課題): see services/src/council. Filled in by the council work of issue 5. */
export {};
