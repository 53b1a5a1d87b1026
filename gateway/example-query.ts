/**
 * The showcase query printed by `npm start` and preloaded in GraphiQL: one room (水围村28栋1203房),
 * answered by all five subgraphs through the standard address code.
 */
export const SHOWCASE_ROOM_CODE = '4403040040280100028001203';

/**
 * The fields of the room-360° question, as they sit inside `address { }` (four-space indent):
 * shared by the example below and the benchmark's Q1.
 */
export const ROOM_360_FIELDS = `    code
    level
    fullName
    room { floor number use areaSquareMeters }
    building { estate designation type floorsAboveGround location { longitude latitude } }
    ancestors { level name }
    residentCount
    residents(first: 10) {
      edges { residence { relation since } node { name gender householdType } }
    }
    entities(first: 5) { edges { node { name kind status legalRepresentative { name } } } }
    eventStats { total open }
    events(first: 5) { edges { node { kind severity status reportedAt description } } }
    cases(first: 5) {
      edges {
        node {
          kind status outcome summary
          parties { role person { name } entity { name } }
          relatedEvents { kind status }
        }
      }
    }`;

export const EXAMPLE_QUERY = `# Everything about one room: 水围村28栋1203房, 福田街道水围社区
query Room360 {
  address(code: "${SHOWCASE_ROOM_CODE}") {
${ROOM_360_FIELDS}
  }
}
`;

/**
 * The query GraphiQL opens with. With a demo token it says where the token is, so a newcomer who
 * sees data knows why, and what a client must send.
 */
export function graphiqlQuery(withDemoToken: boolean): string {
  if (!withDemoToken) return EXAMPLE_QUERY;
  return `# Development: the Headers tab below holds a demo admin token (every scope), so personal
# data shows. A client sends its own: "authorization: Bearer <token>" (npm run token -- --help).
# Production serves no GraphiQL and no demo tokens.
${EXAMPLE_QUERY}`;
}
