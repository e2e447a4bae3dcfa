#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
/* One connection, one query, one insert, close: what a door scan would do per process. */
int main(int argc, char **argv) {
    PGconn *c = PQconnectdb(argv[1]);
    if (PQstatus(c) != CONNECTION_OK) { fprintf(stderr, "%s", PQerrorMessage(c)); return 1; }
    PGresult *r = PQexec(c, "SELECT id FROM t WHERE id = 1"); PQclear(r);
    r = PQexec(c, "INSERT INTO s (at) VALUES (now())"); PQclear(r);
    PQfinish(c);
    return 0;
}
