"""python -m kg.access.query [NAME [KEY=VALUE ...]]: run a named query over out/kg.ttl, or list the named queries."""

import sys

from kg.access.query import describe_queries, query

args = sys.argv[1:]
print(query(args[0], params=args[1:]) if args else describe_queries())
