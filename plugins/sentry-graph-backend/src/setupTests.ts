// Tests talk to a real Neo4j and a real HTTP server; give them time.
jest.setTimeout(120_000);
