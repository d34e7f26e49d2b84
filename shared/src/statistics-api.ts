/** The municipal plan's indicators (障害福祉計画). */
export {};
