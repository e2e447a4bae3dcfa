// libpq, PostgreSQL's own C client (Debian libpq-dev): synchronous like the SQLite shim, and
// the cheapest client to start per process (Docs/storage.md, "PostgreSQL").
//
// It is loaded with dlopen on the first connection to a server rather than linked: libpq
// brings 20-odd libraries (TLS, Kerberos, LDAP) whose loading costs every process 3.3 ms
// (measured here), and a door scan on a SQLite store starts in about 8 ms. Only the header
// is used at build time; a store file never loads libpq at all.
#include <postgresql/libpq-fe.h>
#include <dlfcn.h>
#include <stddef.h>

typedef struct {
    PGconn *(*connectdb)(const char *conninfo);
    PGconn *(*connectdbParams)(const char *const *keywords, const char *const *values, int expand_dbname);
    ConnStatusType (*status)(const PGconn *conn);
    char *(*errorMessage)(const PGconn *conn);
    void (*finish)(PGconn *conn);
    PGresult *(*exec)(PGconn *conn, const char *query);
    PGresult *(*execParams)(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                            const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                            int resultFormat);
    int (*sendQueryParams)(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                           const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat);
    int (*setSingleRowMode)(PGconn *conn);
    PGresult *(*getResult)(PGconn *conn);
    ExecStatusType (*resultStatus)(const PGresult *res);
    char *(*resultErrorField)(const PGresult *res, int fieldcode);
    char *(*resultErrorMessage)(const PGresult *res);
    void (*clear)(PGresult *res);
    int (*ntuples)(const PGresult *res);
    int (*nfields)(const PGresult *res);
    char *(*fname)(const PGresult *res, int field_num);
    Oid (*ftype)(const PGresult *res, int field_num);
    int (*getisnull)(const PGresult *res, int tup_num, int field_num);
    char *(*getvalue)(const PGresult *res, int tup_num, int field_num);
    int (*getlength)(const PGresult *res, int tup_num, int field_num);
    char *(*cmdTuples)(PGresult *res);
    PQnoticeProcessor (*setNoticeProcessor)(PGconn *conn, PQnoticeProcessor proc, void *arg);
    PQconninfoOption *(*conninfoParse)(const char *conninfo, char **errmsg);
    void (*conninfoFree)(PQconninfoOption *connOptions);
    void (*freemem)(void *ptr);
} billetterie_pq_api;

static void billetterie_pq_quiet(void *arg, const char *message) {
    (void)arg;
    (void)message;
}

// The functions, or NULL when libpq.so.5 cannot be loaded (not installed).
static inline const billetterie_pq_api *billetterie_pq(void) {
    static billetterie_pq_api api;
    static int state = 0;  // 0 not tried, 1 loaded, -1 failed
    if (state == 0) {
        void *lib = dlopen("libpq.so.5", RTLD_LAZY | RTLD_LOCAL);
        state = -1;
        if (lib) {
#define BILLETTERIE_PQ(field, name) api.field = (__typeof__(api.field))dlsym(lib, name); if (!api.field) return NULL;
            BILLETTERIE_PQ(connectdb, "PQconnectdb")
            BILLETTERIE_PQ(connectdbParams, "PQconnectdbParams")
            BILLETTERIE_PQ(status, "PQstatus")
            BILLETTERIE_PQ(errorMessage, "PQerrorMessage")
            BILLETTERIE_PQ(finish, "PQfinish")
            BILLETTERIE_PQ(exec, "PQexec")
            BILLETTERIE_PQ(execParams, "PQexecParams")
            BILLETTERIE_PQ(sendQueryParams, "PQsendQueryParams")
            BILLETTERIE_PQ(setSingleRowMode, "PQsetSingleRowMode")
            BILLETTERIE_PQ(getResult, "PQgetResult")
            BILLETTERIE_PQ(resultStatus, "PQresultStatus")
            BILLETTERIE_PQ(resultErrorField, "PQresultErrorField")
            BILLETTERIE_PQ(resultErrorMessage, "PQresultErrorMessage")
            BILLETTERIE_PQ(clear, "PQclear")
            BILLETTERIE_PQ(ntuples, "PQntuples")
            BILLETTERIE_PQ(nfields, "PQnfields")
            BILLETTERIE_PQ(fname, "PQfname")
            BILLETTERIE_PQ(ftype, "PQftype")
            BILLETTERIE_PQ(getisnull, "PQgetisnull")
            BILLETTERIE_PQ(getvalue, "PQgetvalue")
            BILLETTERIE_PQ(getlength, "PQgetlength")
            BILLETTERIE_PQ(cmdTuples, "PQcmdTuples")
            BILLETTERIE_PQ(setNoticeProcessor, "PQsetNoticeProcessor")
            BILLETTERIE_PQ(conninfoParse, "PQconninfoParse")
            BILLETTERIE_PQ(conninfoFree, "PQconninfoFree")
            BILLETTERIE_PQ(freemem, "PQfreemem")
#undef BILLETTERIE_PQ
            state = 1;
        }
    }
    return state == 1 ? &api : NULL;
}

static inline PQnoticeProcessor billetterie_pq_quiet_processor(void) { return billetterie_pq_quiet; }
