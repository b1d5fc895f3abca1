# Claude Code: add genviral-mcp for the current user.
claude mcp add genviral --scope user --env GENVIRAL_API_KEY=gva_live_… -- npx -y genviral-mcp
# Or try it first against the built-in simulation, no key needed:
claude mcp add genviral-sandbox -- npx -y genviral-mcp --sandbox
