// Generated from the OpenAPI document by `npm run gen:api-types` (scripts/api-types.ts): do not edit.
// web/src/types.ts names the shapes the console reads.
export interface paths {
    "/api/backend/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API keys: name, visible prefix, role, last use (the key itself is shown only once, at creation) */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key with a role; the answer holds the key, shown this once */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (at once, for every process); the last active admin key cannot be revoked */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/assignment-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List assignment policies in decision order */
        get: operations["listAssignmentPolicies"];
        put?: never;
        /** Create an assignment policy */
        post: operations["createAssignmentPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/assignment-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An assignment policy */
        get: operations["getAssignmentPolicy"];
        put?: never;
        post?: never;
        /** Delete an assignment policy */
        delete: operations["deleteAssignmentPolicy"];
        options?: never;
        head?: never;
        /** Change an assignment policy */
        patch: operations["updateAssignmentPolicy"];
        trace?: never;
    };
    "/api/backend/v1/audit-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The catalogue of audit actions, each with the domain event of the same change when there is one */
        get: operations["listAuditActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit log, newest first */
        get: operations["listAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/auth/whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The key that asks: its id, name, prefix, role, tenant and what the role may do */
        get: operations["whoami"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/backup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A consistent backup of the embedded database (a gzipped tar; `ionmesh restore` loads it)
         * @description Taken while the server runs, between two units of work. On PostgreSQL: 409 BACKUP_NOT_EMBEDDED (use pg_dump).
         */
        get: operations["getBackup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/bankd-instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List bankd instances */
        get: operations["listBankdInstances"];
        put?: never;
        /** Create a bankd instance */
        post: operations["createBankdInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/bankd-instances/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a bankd instance */
        get: operations["getBankdInstance"];
        put?: never;
        post?: never;
        /** Delete a bankd instance that serves no bank */
        delete: operations["deleteBankdInstance"];
        options?: never;
        head?: never;
        /** Update a bankd instance */
        patch: operations["updateBankdInstance"];
        trace?: never;
    };
    "/api/backend/v1/banks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List SIM banks */
        get: operations["listBanks"];
        put?: never;
        /** Create a SIM bank (and its slots with slot_count) */
        post: operations["createBank"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/banks/{bank_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a SIM bank */
        get: operations["getBank"];
        put?: never;
        post?: never;
        /** Delete a bank that never served a profile */
        delete: operations["deleteBank"];
        options?: never;
        head?: never;
        /** Update a SIM bank (slot_count only grows it) */
        patch: operations["updateBank"];
        trace?: never;
    };
    "/api/backend/v1/banks/{bank_id}/slots/{slot_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a slot with its health log */
        get: operations["getSlot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update card data or status of a slot */
        patch: operations["updateSlot"];
        trace?: never;
    };
    "/api/backend/v1/card-locks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cards IonMesh took out of service, newest first (active ones unless all=true) */
        get: operations["listCardLocks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/card-locks/{bank_id}/{slot_id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put a locked card back in service (faulty or disabled → available) */
        post: operations["unlockCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/card-tags/{bank_id}/{slot_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A card’s tags */
        get: operations["getCardTags"];
        /** Set a card’s tags */
        put: operations["putCardTags"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/carriers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Carriers by MCC+MNC (ITU list via mcc-mnc-list), filtered by MCC, country or text */
        get: operations["listCarriers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/carriers/{mcc_mnc}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One carrier */
        get: operations["getCarrier"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/client-tags/{client_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A client’s tags */
        get: operations["getClientTags"];
        /** Set a client’s tags (of a tenant: a client id may be in several) */
        put: operations["putClientTags"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List service profiles (active by default) */
        get: operations["listClients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/clients/{client_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A client’s profile, history and health log */
        get: operations["getClient"];
        put?: never;
        post?: never;
        /** Unregister a client for the operator: its slot is freed and its remsim-server map removed */
        delete: operations["unregisterClient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/clients/{client_id}/commands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A client’s commands with their status */
        get: operations["listClientCommands"];
        put?: never;
        /** Queue a command for a client that heartbeats (delivered in its next heartbeat answer) */
        post: operations["queueClientCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/clients/{client_id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a client to another slot; the router keeps its RSPRO identity, the remsim-server mapping follows */
        post: operations["reassignClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/clients/{client_id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A client’s signal and counters over time (averaged per bucket; counters as last seen) */
        get: operations["getClientStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The catalogue of event types: what the stream, the event list and webhooks can filter by */
        get: operations["listEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Domain events: a page after after_id, or a live SSE stream (Accept: text/event-stream; resumes after Last-Event-ID) */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/exports/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every client of the filter, as CSV or JSON (a download, streamed) */
        get: operations["exportClients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/exports/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every row of a usage report (kind=report) or cycle report (kind=cycles), as CSV or JSON (a download) */
        get: operations["exportUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/fleet/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Client counts by liveness, tenant, mode and carrier; banks, KI pools, remsim-servers; alerts */
        get: operations["getFleetOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List SIM groups */
        get: operations["listGroups"];
        put?: never;
        /** Create a group: explicit (members) or a saved filter */
        post: operations["createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A group with its thresholds */
        get: operations["getGroup"];
        put?: never;
        post?: never;
        /** Delete a group (its thresholds go with it) */
        delete: operations["deleteGroup"];
        options?: never;
        head?: never;
        /** Change a group */
        patch: operations["updateGroup"];
        trace?: never;
    };
    "/api/backend/v1/groups/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The cards of a group now (a filter group’s evaluated), paged */
        get: operations["listGroupMembers"];
        put?: never;
        /** Add and remove cards of an explicit group (audited with the cards) */
        post: operations["changeGroupMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/imei-bindings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cards and clients bound to a modem IMEI */
        get: operations["listImeiBindings"];
        put?: never;
        /** Bind a card (bank_id + slot_id) or a client (client_id) to an IMEI (replaces its binding) */
        post: operations["createImeiBinding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/imei-bindings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an IMEI binding */
        delete: operations["deleteImeiBinding"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/imei-bindings/bind-current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** “Lock what you see”: bind every active card of the tenant (or one bank) to the IMEI it is used with now */
        post: operations["bindCurrentImeis"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Incidents, newest first: what self-healing found, did, and what waits for a person */
        get: operations["listIncidents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An incident with every attempt */
        get: operations["getIncident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/incidents/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an incident (a person has seen it; healing goes on) */
        post: operations["acknowledgeIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/incidents/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve an incident by hand (self-healing stops working on it) */
        post: operations["resolveIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/job-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The actions a bulk job can run, with what they act on and the access they need */
        get: operations["listJobActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List bulk jobs, newest first */
        get: operations["listJobs"];
        put?: never;
        /** Run an action for every object a selector names: dry_run counts them first; the job runs in batches in the background (each action needs its own access, GET /job-actions) */
        post: operations["createJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bulk job and how far it is */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a running bulk job: its pending items are cancelled, those under way finish */
        post: operations["cancelJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/jobs/{id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The items of a bulk job with their results (done, skipped or failed with the reason) */
        get: operations["listJobItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/ki-proxy-pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List KI proxy pools with capacity and utilization */
        get: operations["listKiProxyPools"];
        put?: never;
        /** Create a KI proxy pool */
        post: operations["createKiProxyPool"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/ki-proxy-pools/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A pool with its physical SIMs and utilization */
        get: operations["getKiProxyPool"];
        put?: never;
        post?: never;
        /** Delete a pool that serves no active virtual SIM */
        delete: operations["deleteKiProxyPool"];
        options?: never;
        head?: never;
        /** Enable/disable, capacity, routing mode, ranges */
        patch: operations["updateKiProxyPool"];
        trace?: never;
    };
    "/api/backend/v1/ki-proxy-pools/{id}/bankd-config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** osmo-remsim-bankd arguments matching the pool, one line per segment */
        get: operations["getKiProxyPoolBankdConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List SIM plans */
        get: operations["listPlans"];
        put?: never;
        /** Create a SIM plan with its thresholds */
        post: operations["createPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A SIM plan */
        get: operations["getPlan"];
        put?: never;
        post?: never;
        /** Delete a SIM plan no card has as its own */
        delete: operations["deletePlan"];
        options?: never;
        head?: never;
        /** Change a SIM plan (a new cycle day rebuilds its cards’ cycles) */
        patch: operations["updatePlan"];
        trace?: never;
    };
    "/api/backend/v1/prediction-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fault prediction models by version, with their measured quality (the active one marked) */
        get: operations["listPredictionModels"];
        put?: never;
        /** Upload a trained model (`ionmesh predict train --upload`) as the next version; active unless activate is false */
        post: operations["uploadPredictionModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/prediction-models/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A fault prediction model (by version) */
        get: operations["getPredictionModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/prediction-models/{version}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a model the active one (the prediction job uses it from its next pass) */
        post: operations["activatePredictionModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/predictions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each client’s latest fault prediction, the likeliest to fail first */
        get: operations["listPredictions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/remsim-servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List remsim-servers with their reconcile status */
        get: operations["listRemsimServers"];
        put?: never;
        /** Add a remsim-server */
        post: operations["createRemsimServer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/remsim-servers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A remsim-server: reachable, last pass, mappings desired/present/missing/stale/conflicting, last error */
        get: operations["getRemsimServer"];
        put?: never;
        post?: never;
        /** Delete a remsim-server no bankd instance uses */
        delete: operations["deleteRemsimServer"];
        options?: never;
        head?: never;
        /** Rename, move or enable/disable a remsim-server */
        patch: operations["updateRemsimServer"];
        trace?: never;
    };
    "/api/backend/v1/remsim-servers/{id}/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reconcile now (ignores the retry back-off) and answer the outcome */
        post: operations["reconcileRemsimServer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/remsim/commands/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge a command (also possible with acks in a heartbeat) */
        post: operations["acknowledgeCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/remsim/discover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service discovery for the router status page */
        get: operations["discover"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/remsim/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report liveness and stats */
        post: operations["heartbeat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/remsim/register-client": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register a client and get its SIM assignment */
        post: operations["registerClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/remsim/request-different-bankd": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** My bankd is unreachable: move me to a card on a bank another bankd serves; my RSPRO identity stays */
        post: operations["requestDifferentBankd"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/remsim/request-new-slot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** My SIM failed: move me to another card of my carrier (the card is marked faulty); my RSPRO identity stays */
        post: operations["requestNewSlot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/remsim/unregister/{client_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Release the client’s assignment */
        delete: operations["clientUnregister"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/rotation-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List rotation policies */
        get: operations["listRotationPolicies"];
        put?: never;
        /** Create a rotation policy for a tenant or one of its groups */
        post: operations["createRotationPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/rotation-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rotation policy */
        get: operations["getRotationPolicy"];
        put?: never;
        post?: never;
        /** Delete a rotation policy */
        delete: operations["deleteRotationPolicy"];
        options?: never;
        head?: never;
        /** Change a rotation policy (a changed schedule owes none of its past occurrences) */
        patch: operations["updateRotationPolicy"];
        trace?: never;
    };
    "/api/backend/v1/rotation-policies/{id}/due": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which clients the policy would rotate now, and why (nothing moves) */
        get: operations["previewRotation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/rotation-policies/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate now: the policy’s due clients, outside its window too (409 while a pass holds it) */
        post: operations["runRotation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/rotations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rotations carried out, newest first (card before and after, trigger) */
        get: operations["listRotations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/rule-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a rule can do, on what, and the access a key needs to give a rule that action */
        get: operations["listRuleActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List automation rules with their last run */
        get: operations["listRules"];
        put?: never;
        /** Create an automation rule */
        post: operations["createRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An automation rule */
        get: operations["getRule"];
        put?: never;
        post?: never;
        /** Delete an automation rule */
        delete: operations["deleteRule"];
        options?: never;
        head?: never;
        /** Change, enable or disable an automation rule */
        patch: operations["updateRule"];
        trace?: never;
    };
    "/api/backend/v1/rules/{id}/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a saved rule would do now (nothing is done) */
        get: operations["dryRunSavedRule"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/rules/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The execution log of a rule, newest first */
        get: operations["listRuleRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/rules/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a rule as given would do now: the objects it matches and its actions (nothing is saved or done) */
        post: operations["dryRunRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/sim-cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List SIM cards (slots that hold one) */
        get: operations["listSimCards"];
        put?: never;
        /** Put a card in a slot or replace its data (the seeds’ shape: slot and card in the body; an upsert like PUT) */
        post: operations["upsertSimCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/sim-cards/{bank_id}/{slot_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The card in a slot */
        get: operations["getSimCard"];
        /** Put a card in a slot or replace its data */
        put: operations["putSimCard"];
        post?: never;
        /** Take the card out of the inventory (the slot stays) */
        delete: operations["deleteSimCard"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/sim-imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import SIM inventory from CSV (bankd slot file or header-named); all or nothing */
        post: operations["importSims"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List slots */
        get: operations["listSlots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/stats/fleet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fleet aggregates per 5-minute bucket or coarser: clients reporting and average signal */
        get: operations["getFleetStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/stats/storage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rows and bytes of the stats tables, and the rollup watermark */
        get: operations["getStatsStorage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tenants */
        get: operations["listTenants"];
        put?: never;
        /** Create a tenant */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a tenant */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        /** Delete an unused tenant */
        delete: operations["deleteTenant"];
        options?: never;
        head?: never;
        /** Rename a tenant, or change how it enrolls clients */
        patch: operations["updateTenant"];
        trace?: never;
    };
    "/api/backend/v1/tenants/{id}/healing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A tenant’s self-healing playbooks (defaults where it changed none) */
        get: operations["getHealingPlaybooks"];
        /** Change a tenant’s self-healing playbooks (fields not given stay) */
        put: operations["putHealingPlaybooks"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/tenants/{id}/protection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A tenant’s card protection settings (defaults where it set none) */
        get: operations["getProtection"];
        /** Change a tenant’s card protection settings (fields not given stay) */
        put: operations["putProtection"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Usage over a range of days, per card, client, tenant or day, largest first */
        get: operations["getUsageReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/usage/cards/{bank_id}/{slot_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A card’s usage: its plan and current cycle, its days (default: this cycle) and last cycles */
        get: operations["getCardUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/usage/cards/{bank_id}/{slot_id}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A card’s own plan, validity end and thresholds */
        get: operations["getCardUsageSettings"];
        /** Set a card’s own plan, validity end or thresholds (fields not given stay) */
        put: operations["putCardUsageSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/usage/clients/{client_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A client’s usage per day and card, and its card’s current cycle (not_reported: it never sent counters) */
        get: operations["getClientUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/usage/cycles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each card’s usage and cost in its billing cycle (of its plan) holding a day, or per client or tenant */
        get: operations["getUsageCycles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks */
        get: operations["listWebhooks"];
        put?: never;
        /** Create a webhook (the answer shows its secret once) */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete a webhook */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change a webhook; enabling it again clears its failures */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/backend/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log: status, attempts, status code, latency, error */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now */
        post: operations["redeliverWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backend/v1/work-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Work items (retried, claimed work) with their attempts, newest first: what was tried for an object */
        get: operations["listWorkItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database answers */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Success: acknowledge a command (also possible with acks in a heartbeat) */
        AcknowledgeCommandAnswer: {
            command_id: number;
            command_status: string;
            /** @enum {string} */
            status: "ok";
        };
        AcknowledgeCommandBody: {
            /**
             * @description The router client id, normally <hostname>-slot<N>
             * @example router1-slot0
             */
            client_id: string;
            /** @description A command's result: at most 64 keys or items, nested 3 levels, 4096 bytes */
            result?: (string | number | boolean | null) | (((string | number | boolean | null) | ((string | number | boolean | null)[] | {
                [key: string]: string | number | boolean | null;
            }))[] | {
                [key: string]: (string | number | boolean | null) | ((string | number | boolean | null)[] | {
                    [key: string]: string | number | boolean | null;
                });
            });
            status?: "ok" | "failed";
        };
        /** @description Success: acknowledge an incident (a person has seen it; healing goes on) */
        AcknowledgeIncidentAnswer: {
            acknowledged_at: string | null;
            acknowledged_by: string | null;
            attempts: number;
            attempts_log: {
                /** @description lock_card, reassign, new_slot, other_bankd, move_back, queue_restart, escalate, wait_reconciler */
                action: string;
                client_id: string | null;
                detail: string | null;
                /** Format: date-time */
                finished_at: string;
                id: number;
                incident_id: number;
                moved: boolean;
                /** @description pending, success, failed, skipped */
                result: string;
                /** Format: date-time */
                started_at: string;
            }[];
            bank_id: number | null;
            bankd_id: number | null;
            /** @description card_failure, bankd_loss, client_request, silent_router, remsim_drift */
            cause: string;
            client_id: string | null;
            /** @description What the playbook learnt and did: clients moved (from, to), the last error */
            details: unknown;
            /** Format: date-time */
            detected_at: string;
            diagnosed_at: string | null;
            /** @description Detected to resolved (to now while open), seconds */
            duration_sec: number;
            escalated_at: string | null;
            event_id: number | null;
            follow_up: string | null;
            healing_at: string | null;
            id: number;
            next_at: string | null;
            /** @description card:<bank>/<slot>, bank:<bank>, client:<tenant>/<client_id>, server:<id> */
            object_key: string;
            resolution: string | null;
            resolved_at: string | null;
            resolved_by: string | null;
            server_id: number | null;
            /** @description info, warning, critical */
            severity: string;
            slot_id: number | null;
            /** @description detected, diagnosing, healing, resolved, escalated */
            state: string;
            summary: string;
            /** @description null: installation-wide (a remsim-server) */
            tenant_id: number | null;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Success: make a model the active one (the prediction job uses it from its next pass) */
        ActivatePredictionModelAnswer: {
            active: boolean;
            algorithm: string;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            features: string[];
            horizon_min: number;
            id: number;
            /** @description Measured on a test set it never saw: accuracy, precision, recall (per moment and per router), lead times */
            quality: {
                [key: string]: unknown;
            };
            threshold: number;
            training: {
                [key: string]: unknown;
            };
            version: number;
        } & {
            [key: string]: unknown;
        };
        ApiKey: {
            created_at: string;
            expires_at: string | null;
            id: number;
            last_used_at: string | null;
            name: string;
            /** @description The first 12 characters of the key, to recognise it */
            prefix: string;
            revoked_at: string | null;
            role: string;
            tenant_id: number | null;
        };
        /** @description A page of items, with total, limit and offset */
        ApiKeysPage: {
            items: components["schemas"]["ApiKey"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description A page of items, with total, limit and offset */
        AssignmentPoliciesPage: {
            items: components["schemas"]["AssignmentPolicy"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description An assignment policy: when its conditions match a registration, its action decides */
        AssignmentPolicy: {
            /** @description What to do: assign (with preferred banks), deny … */
            action: {
                [key: string]: unknown;
            };
            /** @description What a registration must match (all given must) */
            conditions: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created_at: string;
            enabled: boolean;
            id: number;
            name: string;
            priority: number;
            tenant_id: number;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        AuditAction: {
            action: string;
            description: string;
            event: string | null;
        };
        /** @description Success: the catalogue of audit actions, each with the domain event of the same change when there is one */
        AuditActionsPage: {
            items: components["schemas"]["AuditAction"][];
        };
        AuditLog: {
            /** @description An action of the catalogue (GET /audit-actions) */
            action: string;
            /** @description admin, key:<id>, client:<client id>, cli … */
            actor: string;
            after: unknown;
            before: unknown;
            /** Format: date-time */
            created_at: string;
            entity_id: string;
            entity_type: string;
            id: number;
            request_id: string | null;
            source_ip: string | null;
            tenant_id: number | null;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        AuditLogPage: {
            items: components["schemas"]["AuditLog"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description A SIM bank with the counts of its slots */
        Bank: {
            bank_id: number;
            bankd_connected: boolean | null;
            bankd_connected_since: string | null;
            bankd_instance_id: number | null;
            bankd_slots: number | null;
            /** Format: date-time */
            created_at: string;
            name: string;
            slot_count: number;
            slots_available: number;
            slots_empty: number;
            status: string;
            tenant_id: number;
            unknown_cards_present: boolean;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        /** @description An osmo-remsim-bankd instance and the remsim-server it connects to */
        BankdInstance: {
            /** Format: date-time */
            created_at: string;
            endpoint: string;
            id: number;
            name: string;
            remsim_server_id: number | null;
            remsim_server_url: string | null;
            status: string;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        BankdInstancesPage: {
            items: components["schemas"]["BankdInstance"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description A page of items, with total, limit and offset */
        BanksPage: {
            items: components["schemas"]["Bank"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: “Lock what you see”: bind every active card of the tenant (or one bank) to the IMEI it is used with now */
        BindCurrentImeisAnswer: {
            bound: number;
            cards: {
                bank_id: number;
                client_id: string;
                imei: string;
                slot_id: number;
            }[];
            /** @enum {string} */
            status: "success";
        } & {
            [key: string]: unknown;
        };
        BindCurrentImeisBody: {
            /** @description SIM bank id (RSPRO 1..1023) */
            bank_id?: number;
            enforcing?: boolean;
            tenant_id: number;
        };
        /** @description Success: cancel a running bulk job: its pending items are cancelled, those under way finish */
        CancelJobAnswer: {
            action: string;
            batch_size: number;
            cancelled: number;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            done: number;
            failed: number;
            finished_at: string | null;
            id: number;
            params: {
                [key: string]: unknown;
            };
            pending: number;
            /** @description Share of items finished, 0..1 */
            progress: number;
            reason: string | null;
            /** @description Claimed: under way */
            running: number;
            selector: {
                [key: string]: unknown;
            };
            skipped: number;
            /** @description running, done, cancelled */
            state: string;
            /** @description card or client */
            target: string;
            tenant_id: number;
            total: number;
        } & {
            [key: string]: unknown;
        };
        CardLock: {
            bank_id: number;
            client_id: string | null;
            details: unknown;
            iccid: string | null;
            id: number;
            /** @description auto_lock (failures), imei, usage (a threshold), validity */
            kind: string;
            locked_at: string;
            reason: string;
            slot_id: number;
            slot_status: string | null;
            /** @description locked; pending_move: its client stays until a card of the same carrier is free */
            state: string;
            tenant_id: number;
            unlocked_at: string | null;
            unlocked_by: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        CardLocksPage: {
            items: components["schemas"]["CardLock"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: a card’s tags */
        CardTags: {
            bank_id: number;
            slot_id: number;
            tags: string[];
        } & {
            [key: string]: unknown;
        };
        /** @description Success: a card’s usage: its plan and current cycle, its days (default: this cycle) and last cycles */
        CardUsage: {
            bank_id: number;
            cycle: {
                end: string | null;
                /** @description not_reported: no counter was ever reported for the period (a client that never heartbeats), never 0 */
                reporting: "reported" | "not_reported";
                rx_bytes: number | null;
                samples: number;
                start: string | null;
                total_bytes: number | null;
                tpdu_errors: number | null;
                tpdus: number | null;
                tx_bytes: number | null;
            } & {
                [key: string]: unknown;
            };
            cycles: ({
                /** @description A UTC day, YYYY-MM-DD */
                cycle_end: string;
                /** @description A UTC day, YYYY-MM-DD */
                cycle_start: string;
                rx_bytes: number | null;
                samples: number;
                total_bytes: number | null;
                tpdu_errors: number | null;
                tpdus: number | null;
                tx_bytes: number | null;
            } & {
                [key: string]: unknown;
            })[];
            days: {
                client_id: string;
                /** @description a date as PostgreSQL writes it (YYYY-MM-DD) */
                day: string;
                discarded: number;
                iccid: string | null;
                resets: number;
                rx_bytes: number | null;
                samples: number;
                total_bytes: number | null;
                tpdu_errors: number | null;
                tpdus: number | null;
                tx_bytes: number | null;
            }[];
            /** @description A UTC day, YYYY-MM-DD */
            from: string;
            iccid: string | null;
            plan_id: number | null;
            plan_source: string | null;
            /** @description not_reported: no counter was ever reported for the period (a client that never heartbeats), never 0 */
            reporting: "reported" | "not_reported";
            slot_id: number;
            tenant_id: number | null;
            /** @description A UTC day, YYYY-MM-DD */
            to: string;
            totals: {
                rx_bytes: number | null;
                samples: number;
                total_bytes: number | null;
                tpdu_errors: number | null;
                tpdus: number | null;
                tx_bytes: number | null;
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /** @description Success: a card’s own plan, validity end and thresholds */
        CardUsageSettings: {
            bank_id: number;
            plan_id: number | null;
            slot_id: number;
            tenant_id: number | null;
            thresholds: ({
                action: string;
                command_payload: unknown;
                command_type: string | null;
                enabled: boolean;
                id: number;
                percent: number;
            } & {
                [key: string]: unknown;
            })[];
            valid_until: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Success: one carrier */
        Carrier: {
            brand: string | null;
            country_code: string | null;
            country_name: string | null;
            mcc: string;
            mcc_mnc: string;
            mnc: string;
            operator: string | null;
            source: string;
            status: string | null;
        };
        CarrierListItem: {
            brand: string | null;
            country_code: string | null;
            country_name: string | null;
            mcc: string;
            mcc_mnc: string;
            mnc: string;
            operator: string | null;
            source: string;
            status: string | null;
        };
        /** @description A page of items, with total, limit and offset */
        CarriersPage: {
            items: components["schemas"]["CarrierListItem"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: add and remove cards of an explicit group (audited with the cards) */
        ChangeGroupMembersAnswer: {
            added: {
                bank_id: number;
                slot_id: number;
            }[];
            group_id: number;
            removed: {
                bank_id: number;
                slot_id: number;
            }[];
            /** @enum {string} */
            status: "success";
        } & {
            [key: string]: unknown;
        };
        ChangeGroupMembersBody: {
            add?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            }[];
            remove?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            }[];
        };
        /** @description A client’s profile, history and health log */
        Client: {
            client_id: string;
            health_log: ({
                /** Format: date-time */
                created_at: string;
                id: number;
                kind: string;
                new_status: string;
                old_status: string | null;
                reason: string | null;
            } & {
                [key: string]: unknown;
            })[];
            /** @description Every profile the client has had, newest first */
            history: components["schemas"]["ClientListItem"][];
            profile: components["schemas"]["ClientListItem"];
        } & {
            [key: string]: unknown;
        };
        ClientCommand: {
            acknowledged_at: string | null;
            client_id: string;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            delivered_at: string | null;
            /** Format: date-time */
            expires_at: string;
            id: number;
            payload: unknown;
            profile_id: string;
            result: unknown;
            status: "pending" | "delivered" | "acknowledged" | "failed" | "expired";
            tenant_id: number;
            type: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        ClientCommandsPage: {
            items: components["schemas"]["ClientCommand"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description A client’s service profile with its card */
        ClientListItem: {
            bank_id: number;
            bankd_endpoint?: string | null;
            carrier?: string | null;
            /** @description Modem and hardware, as last reported */
            client_hardware_info?: {
                [key: string]: unknown;
            } | null;
            client_id: string;
            client_ip_address?: string | null;
            /** @description The last heartbeat’s stats (null: never reported) */
            client_stats: {
                [key: string]: unknown;
            } | null;
            /** @description What the router asked for at its last registration differs from what it holds */
            config_mismatch?: boolean;
            /** Format: date-time */
            created_at: string;
            deactivated_at?: string | null;
            health_status: string;
            iccid?: string | null;
            imsi?: string | null;
            ki_pool_id?: number | null;
            last_heartbeat: string | null;
            liveness: "online" | "offline" | "unknown";
            liveness_changed_at?: string | null;
            mapping_mode: string;
            mcc_mnc?: string | null;
            policy_id?: number | null;
            profile_id: string;
            requested_mapping_mode?: string | null;
            requested_mcc_mnc?: string | null;
            rspro_client_id: number;
            rspro_connected: boolean;
            rspro_connected_since?: string | null;
            rspro_slot_nr: number;
            /** @description Registered by the simulator */
            simulated?: boolean;
            slot_id: number;
            status: "ACTIVE" | "DEACTIVATED";
            tenant_id: number;
            virtual_iccid?: string | null;
            virtual_imsi?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        ClientsPage: {
            items: components["schemas"]["ClientListItem"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: a client’s signal and counters over time (averaged per bucket; counters as last seen) */
        ClientStats: {
            /**
             * Format: date-time
             * @description RFC 3339 date-time, e.g. 2026-11-26T12:00:00Z (years 0001–9999)
             */
            from: string;
            range: string;
            /** @description t (epoch seconds) and one array per metric, aligned */
            series: {
                [key: string]: (number | null)[];
            };
            source: "raw" | "rollup";
            step_sec: number;
            /**
             * Format: date-time
             * @description RFC 3339 date-time, e.g. 2026-11-26T12:00:00Z (years 0001–9999)
             */
            to: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Success: a client’s tags */
        ClientTags: {
            client_id: string;
            tags: string[];
            tenant_id: number;
        } & {
            [key: string]: unknown;
        };
        /** @description Done: status success and a message */
        ClientUnregisterAnswer: {
            message: string;
            /** @enum {string} */
            status: "success";
        };
        /** @description Success: a client’s usage per day and card, and its card’s current cycle (not_reported: it never sent counters) */
        ClientUsage: {
            card: ({
                bank_id: number;
                cycle_end: string | null;
                cycle_start: string | null;
                plan_id: number | null;
                /** @description not_reported: no counter was ever reported for the period (a client that never heartbeats), never 0 */
                reporting: "reported" | "not_reported";
                rx_bytes: number | null;
                samples: number;
                slot_id: number;
                total_bytes: number | null;
                tpdu_errors: number | null;
                tpdus: number | null;
                tx_bytes: number | null;
            } & {
                [key: string]: unknown;
            }) | null;
            client_id: string;
            days: {
                bank_id: number;
                /** @description a date as PostgreSQL writes it (YYYY-MM-DD) */
                day: string;
                discarded: number;
                iccid: string | null;
                resets: number;
                rx_bytes: number | null;
                samples: number;
                slot_id: number;
                total_bytes: number | null;
                tpdu_errors: number | null;
                tpdus: number | null;
                tx_bytes: number | null;
            }[];
            /** @description A UTC day, YYYY-MM-DD */
            from: string;
            not_reported_reason: ("never_heartbeats" | "no_counters") | null;
            /** @description not_reported: no counter was ever reported for the period (a client that never heartbeats), never 0 */
            reporting: "reported" | "not_reported";
            tenant_id: number;
            /** @description A UTC day, YYYY-MM-DD */
            to: string;
            totals: {
                rx_bytes: number | null;
                samples: number;
                total_bytes: number | null;
                tpdu_errors: number | null;
                tpdus: number | null;
                tx_bytes: number | null;
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        CreateApiKeyBody: {
            expires_at?: string | null;
            name: string;
            role: "admin" | "tenant-admin" | "operator" | "readonly" | "client";
            tenant_id?: number | null;
        };
        CreateAssignmentPolicyBody: {
            action: {
                load_balancing?: "fill-first" | "least-loaded" | "round-robin";
                preferred_banks?: number[];
                type: "assign" | "deny";
            };
            /** @description All given conditions must hold */
            conditions?: {
                /** @description Glob: * any run, ? one character */
                client_id_pattern?: string;
                hardware_vendor?: string[];
                mcc_mnc?: string[];
                time_window?: {
                    days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                    /** @description HH:MM; before start means across midnight */
                    end: string;
                    /** @description HH:MM local time */
                    start: string;
                    /** @description IANA time zone, e.g. Europe/Berlin */
                    time_zone: string;
                };
            };
            enabled?: boolean;
            name: string;
            /** @description Lower first */
            priority?: number;
            tenant_id: number;
        };
        CreateBankBody: {
            /** @description SIM bank id (RSPRO 1..1023) */
            bank_id: number;
            bankd_instance_id?: number | null;
            name: string;
            /** @description Creates slots 0..slot_count-1 */
            slot_count?: number;
            status?: "active" | "offline" | "disabled";
            tenant_id: number;
            /** @description The bankd has cards IonMesh has no data for: its slots without a known card are assignable. Off (default): such a slot is `empty` until a card is imported or set */
            unknown_cards_present?: boolean;
        };
        CreateBankdInstanceBody: {
            /** @description host:port handed to routers (no scheme, no IPv6 literal) */
            endpoint: string;
            name: string;
            remsim_server_id?: number | null;
            /** @description REST base URL of the remsim-server that maps this bankd (no port means 9997); added to the inventory when new */
            remsim_server_url?: string | null;
            status?: "active" | "disabled";
        };
        /** @description Success: create a group: explicit (members) or a saved filter */
        CreateGroupAnswer: {
            /** Format: date-time */
            created_at: string;
            filter: unknown;
            id: number;
            kind: string;
            /** @description Members listed (explicit groups) */
            listed: number;
            name: string;
            plan_id: number | null;
            priority: number;
            tenant_id: number;
            thresholds?: ({
                action: string;
                command_payload: unknown;
                command_type: string | null;
                enabled: boolean;
                id: number;
                percent: number;
            } & {
                [key: string]: unknown;
            })[];
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        CreateGroupBody: {
            /** @description Every card of the tenant matching all given fields */
            filter?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id?: number;
                /** @description MCC+MNC, e.g. 310410 */
                mcc_mnc?: string;
                pool_id?: number;
                /** @description The slot status */
                state?: "available" | "assigned" | "faulty" | "disabled" | "empty" | "unserved";
                /** @description Letters, digits and ._:/- (64 at most) */
                tag?: string;
            };
            kind: "explicit" | "filter";
            members?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            }[];
            name: string;
            /** @description The plan of its cards (a card’s own plan wins; then the group’s; then its carrier’s default) */
            plan_id?: number | null;
            /** @description Lower first when a card is in several groups */
            priority?: number;
            tenant_id: number;
            thresholds?: {
                /** @description event: usage.threshold_reached only; disable_and_move: the card is disabled and its client moved to a free card of the same carrier (it keeps its RSPRO identity); command: a command queued for the client (agents that heartbeat) */
                action: "event" | "disable_and_move" | "command";
                command_payload?: {
                    [key: string]: unknown;
                };
                command_type?: "restart" | "reregister" | "switch_slot" | "update_config";
                enabled?: boolean;
                /** @description Share of the allowance, e.g. 80 or 100 */
                percent: number;
            }[];
        };
        /** @description Success: bind a card (bank_id + slot_id) or a client (client_id) to an IMEI (replaces its binding) */
        CreateImeiBindingAnswer: {
            bank_id: number | null;
            client_id: string | null;
            created_at: string;
            created_by: string | null;
            enforcing: boolean;
            id: number;
            imei: string;
            last_mismatch: string | null;
            slot_id: number | null;
            tenant_id: number;
        } & {
            [key: string]: unknown;
        };
        CreateImeiBindingBody: {
            /** @description SIM bank id (RSPRO 1..1023) */
            bank_id?: number;
            /**
             * @description The router client id, normally <hostname>-slot<N>
             * @example router1-slot0
             */
            client_id?: string;
            /** @description true: a heartbeat from another IMEI is refused (403 IMEI_LOCKED) and the card blocked; false: an event only */
            enforcing?: boolean;
            /** @description IMEI (15 digits) or IMEISV (16) */
            imei: string;
            /** @description Bank slot, numbered from 0 */
            slot_id?: number;
            tenant_id: number;
        };
        /** @description Success: run an action for every object a selector names: dry_run counts them first; the job runs in batches in the background (each action needs its own access, GET /job-actions) */
        CreateJobAnswer200: {
            action: string;
            /** @enum {boolean} */
            dry_run: true;
            /** @description The first 20, as they are now */
            sample: {
                bank_id?: number;
                client_id?: string | null;
                slot_id?: number;
                status?: string | null;
            }[];
            target: string;
            total: number;
        } & {
            [key: string]: unknown;
        };
        /** @description Success: run an action for every object a selector names: dry_run counts them first; the job runs in batches in the background (each action needs its own access, GET /job-actions) */
        CreateJobAnswer201: {
            action: string;
            batch_size: number;
            cancelled: number;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            done: number;
            failed: number;
            finished_at: string | null;
            id: number;
            params: {
                [key: string]: unknown;
            };
            pending: number;
            /** @description Share of items finished, 0..1 */
            progress: number;
            reason: string | null;
            /** @description Claimed: under way */
            running: number;
            selector: {
                [key: string]: unknown;
            };
            skipped: number;
            /** @description running, done, cancelled */
            state: string;
            /** @description card or client */
            target: string;
            tenant_id: number;
            total: number;
        } & {
            [key: string]: unknown;
        };
        CreateJobBody: {
            action: "disable_card" | "mark_faulty" | "enable_card" | "tag_card" | "move_to_group" | "bind_imei" | "reassign_client" | "unregister_client" | "queue_command" | "tag_client";
            /**
             * @description Items claimed per batch
             * @default 50
             */
            batch_size: number;
            /** @description Count and show the first objects; create nothing */
            dry_run?: boolean;
            /** @description Create only if the selector still names this many (409 otherwise) */
            expected_total?: number;
            /** @description What the action takes (each action says which: GET /job-actions) */
            params?: {
                add_tags?: string[];
                command?: {
                    expires_in_sec?: number;
                    payload?: {
                        [key: string]: unknown;
                    };
                    type: "restart" | "reregister" | "switch_slot" | "update_config";
                };
                enforcing?: boolean;
                from_group_id?: number;
                group_id?: number;
                /** @description MCC+MNC, e.g. 310410 */
                mcc_mnc?: string;
                reason?: string;
                remove_tags?: string[];
            };
            reason?: string;
            /** @description One of: a group of the tenant, an ad-hoc filter of its cards, listed cards, listed clients, a client tag. A client action run for cards acts on the clients holding them; a card action run for clients, on the cards they hold. */
            selector: {
                cards?: {
                    /** @description SIM bank id (RSPRO 1..1023) */
                    bank_id: number;
                    /** @description Bank slot, numbered from 0 */
                    slot_id: number;
                }[];
                /** @description Letters, digits and ._:/- (64 at most) */
                client_tag?: string;
                clients?: string[];
                /** @description Every card of the tenant matching all given fields */
                filter?: {
                    /** @description SIM bank id (RSPRO 1..1023) */
                    bank_id?: number;
                    /** @description MCC+MNC, e.g. 310410 */
                    mcc_mnc?: string;
                    pool_id?: number;
                    /** @description The slot status */
                    state?: "available" | "assigned" | "faulty" | "disabled" | "empty" | "unserved";
                    /** @description Letters, digits and ._:/- (64 at most) */
                    tag?: string;
                };
                group_id?: number;
            };
            tenant_id: number;
        };
        CreateKiProxyPoolBody: {
            /** @description SIM bank id (RSPRO 1..1023) */
            bank_id: number;
            carrier?: string | null;
            enabled?: boolean;
            max_virtual_sims?: number;
            /** @description MCC+MNC, e.g. 310410 */
            mcc_mnc?: string;
            /** @description Bank slot, numbered from 0 */
            physical_slot_end?: number;
            /** @description Bank slot, numbered from 0 */
            physical_slot_start?: number;
            pool_name: string;
            /** @description How the KI-proxy bankd spreads authentication over the physical cards */
            routing_mode?: "round-robin" | "least-used" | "random";
            /** @description The seeds’ name of physical_slot_end */
            slot_range_end?: number;
            /** @description The seeds’ name of physical_slot_start */
            slot_range_start?: number;
            tenant_id: number;
            /** @description Default: one segment on the pool’s bank, from past its last slot and every other pool’s range up to 1023 */
            virtual_segments?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                virtual_slot_end: number;
                /** @description Bank slot, numbered from 0 */
                virtual_slot_start: number;
            }[];
        };
        CreatePlanBody: {
            /** @description Data per cycle in MB (10^6 bytes), received + sent; null: none */
            allowance_mb?: number | null;
            /** @description Every card of the carrier without a plan of its own is on this plan (one per carrier) */
            carrier_default?: boolean;
            /** @description Cost of a MB within the allowance (or of every MB without one) */
            cost_per_mb?: number;
            /** @description ISO 4217, e.g. EUR */
            currency?: string;
            /** @description Day of the month a cycle starts (UTC) */
            cycle_day?: number;
            /** @description The carrier the plan is for */
            mcc_mnc?: string | null;
            /** @description Fee per card and cycle */
            monthly_fee?: number;
            name: string;
            /** @description Cost of a MB over the allowance */
            overage_cost_per_mb?: number;
            tenant_id: number;
            /** @description The whole list: one of the same percent and action is kept (it does not fire again this cycle) */
            thresholds?: {
                /** @description event: usage.threshold_reached only; disable_and_move: the card is disabled and its client moved to a free card of the same carrier (it keeps its RSPRO identity); command: a command queued for the client (agents that heartbeat) */
                action: "event" | "disable_and_move" | "command";
                command_payload?: {
                    [key: string]: unknown;
                };
                command_type?: "restart" | "reregister" | "switch_slot" | "update_config";
                enabled?: boolean;
                /** @description Share of the allowance, e.g. 80 or 100 */
                percent: number;
            }[];
        };
        CreateRemsimServerBody: {
            enabled?: boolean;
            name?: string;
            /** @description REST base URL of the osmo-remsim-server, e.g. http://10.0.0.5:9997 (no port means 9997) */
            url: string;
        };
        /** @description Success: create a rotation policy for a tenant or one of its groups */
        CreateRotationPolicyAnswer: {
            allow_other_carrier: boolean;
            /** Format: date-time */
            created_at: string;
            enabled: boolean;
            group_id: number | null;
            id: number;
            last_run_at: string | null;
            last_scheduled_at: string | null;
            max_days_on_card: number | null;
            max_per_run: number;
            name: string;
            schedule: string | null;
            tenant_id: number;
            timezone: string;
            /** Format: date-time */
            updated_at: string;
            usage_percent: number | null;
            validity_days: number | null;
            window: {
                /** @description ISO weekdays, 1 = Monday */
                days?: number[];
                /** @description HH:MM, local time */
                end: string;
                /** @description HH:MM, local time */
                start: string;
            } | null;
        } & {
            [key: string]: unknown;
        };
        CreateRotationPolicyBody: {
            /** @description Move to another carrier when none of the same is free */
            allow_other_carrier?: boolean;
            enabled?: boolean;
            /** @description The group whose cards it rotates (among them); null: every card of the tenant */
            group_id?: number | null;
            /** @description Move after this many days on one card */
            max_days_on_card?: number | null;
            /** @description Rotations per pass (a minute) at most */
            max_per_run?: number;
            name: string;
            /** @description Cron, five fields, in `timezone`: every client on its card since before an occurrence moves */
            schedule?: string | null;
            tenant_id: number;
            /** @description IANA time zone of the schedule and window */
            timezone?: string;
            /** @description Move off a card that used this share of its plan’s allowance this cycle */
            usage_percent?: number | null;
            /** @description Move off a card this many days before its last valid day */
            validity_days?: number | null;
            window?: {
                /** @description ISO weekdays, 1 = Monday */
                days?: number[];
                /** @description HH:MM, local time */
                end: string;
                /** @description HH:MM, local time */
                start: string;
            } | null;
        };
        /** @description Success: create an automation rule */
        CreateRuleAnswer: {
            actions: unknown;
            conditions: unknown;
            cooldown_sec: number;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            enabled: boolean;
            id: number;
            last_run_at: string | null;
            max_per_hour: number;
            name: string;
            runs_last_hour: number;
            tenant_id: number;
            trigger: unknown;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        CreateRuleBody: {
            actions: {
                params?: {
                    add_tags?: string[];
                    command?: {
                        expires_in_sec?: number;
                        payload?: {
                            [key: string]: unknown;
                        };
                        type: "restart" | "reregister" | "switch_slot" | "update_config";
                    };
                    enforcing?: boolean;
                    from_group_id?: number;
                    group_id?: number;
                    job?: {
                        action: "disable_card" | "mark_faulty" | "enable_card" | "tag_card" | "move_to_group" | "bind_imei" | "reassign_client" | "unregister_client" | "queue_command" | "tag_client";
                        /** @description What the action takes (each action says which: GET /job-actions) */
                        params?: {
                            add_tags?: string[];
                            command?: {
                                expires_in_sec?: number;
                                payload?: {
                                    [key: string]: unknown;
                                };
                                type: "restart" | "reregister" | "switch_slot" | "update_config";
                            };
                            enforcing?: boolean;
                            from_group_id?: number;
                            group_id?: number;
                            /** @description MCC+MNC, e.g. 310410 */
                            mcc_mnc?: string;
                            reason?: string;
                            remove_tags?: string[];
                        };
                        /** @description One of: a group of the tenant, an ad-hoc filter of its cards, listed cards, listed clients, a client tag. A client action run for cards acts on the clients holding them; a card action run for clients, on the cards they hold. */
                        selector: {
                            cards?: {
                                /** @description SIM bank id (RSPRO 1..1023) */
                                bank_id: number;
                                /** @description Bank slot, numbered from 0 */
                                slot_id: number;
                            }[];
                            /** @description Letters, digits and ._:/- (64 at most) */
                            client_tag?: string;
                            clients?: string[];
                            /** @description Every card of the tenant matching all given fields */
                            filter?: {
                                /** @description SIM bank id (RSPRO 1..1023) */
                                bank_id?: number;
                                /** @description MCC+MNC, e.g. 310410 */
                                mcc_mnc?: string;
                                pool_id?: number;
                                /** @description The slot status */
                                state?: "available" | "assigned" | "faulty" | "disabled" | "empty" | "unserved";
                                /** @description Letters, digits and ._:/- (64 at most) */
                                tag?: string;
                            };
                            group_id?: number;
                        };
                    };
                    /** @description MCC+MNC, e.g. 310410 */
                    mcc_mnc?: string;
                    reason?: string;
                    remove_tags?: string[];
                };
                type: "disable_card" | "mark_faulty" | "enable_card" | "tag_card" | "move_to_group" | "bind_imei" | "reassign_client" | "unregister_client" | "queue_command" | "tag_client" | "notify" | "rotate_now" | "start_job";
            }[];
            /** @description All given must hold */
            conditions?: {
                /** @description CEL over `data` (the event’s payload), `event_type`, `tenant_id`, `value` (a measure), `object` */
                expression?: string;
                group_id?: number;
                /** @description MCC+MNC, e.g. 310410 */
                mcc_mnc?: string;
                pool_id?: number;
                /** @description Letters, digits and ._:/- (64 at most) */
                tag?: string;
                time_window?: {
                    days?: number[];
                    end: string;
                    start: string;
                    timezone?: string;
                };
            };
            /** @description Per object (default 3600) */
            cooldown_sec?: number;
            enabled?: boolean;
            /** @description Runs that act, per hour (default 60) */
            max_per_hour?: number;
            name: string;
            tenant_id: number;
            trigger: {
                /** @description A type of GET /event-types */
                event_type: string;
                /** @enum {string} */
                kind: "event";
            } | {
                /** @enum {string} */
                kind: "measure";
                /** @description usage_percent: a card’s share of its plan this cycle; offline_minutes: a client’s; signal_rssi: a client’s mean dBm over window_min; failure_count: a card’s failures over window_min; cost: a card’s cost this cycle on its plan */
                measure: "usage_percent" | "offline_minutes" | "signal_rssi" | "failure_count" | "cost";
                op: ">=" | "<=";
                value: number;
                /** @description signal_rssi: the mean over this window */
                window_min?: number;
            };
        };
        CreateTenantBody: {
            /** @description Heartbeats and unregistrations of a keyless client only from the address it registered from (default true) */
            bind_client_source?: boolean;
            /** @description Networks allowed in cidr mode, e.g. 10.20.0.0/16 */
            enrollment_cidrs?: string[];
            /** @description Who may register keyless clients: open (anyone), cidr (from enrollment_cidrs), key (client API keys only; the default) */
            enrollment_mode?: "open" | "cidr" | "key";
            id?: number;
            /** @description A client that registers again asking for another mapping mode or MCC/MNC than it holds is moved to a matching card (default false: it keeps its assignment and the mismatch is recorded) */
            move_on_config_mismatch?: boolean;
            name: string;
        };
        /** @description Success: create a webhook (the answer shows its secret once) */
        CreateWebhookAnswer: {
            consecutive_failures: number;
            /** Format: date-time */
            created_at: string;
            disabled_reason: string | null;
            enabled: boolean;
            /** @description Catalogue types or prefixes ending in "." (none: every event) */
            event_types: string[];
            id: number;
            /** @description Shown this once */
            secret: string;
            /** @description The last characters of the signing secret */
            secret_hint: string;
            tenant_id: number;
            /** Format: date-time */
            updated_at: string;
            url: string;
        } & {
            [key: string]: unknown;
        };
        CreateWebhookBody: {
            enabled?: boolean;
            /** @description Empty: every event of the tenant */
            event_types?: ("client.registered" | "client.unregistered" | "client.reassigned" | "client.online" | "client.offline" | "client.health_changed" | "client.hardware_changed" | "client.config_mismatch" | "client.card_replaced" | "slot.status_changed" | "slot.unserved" | "slot.served" | "slot.health_changed" | "pool.capacity_warning" | "bank.online" | "bank.offline" | "remsim.mapping_conflict" | "remsim.mapping_invalid" | "remsim.mapping_stalled" | "remsim.server_unreachable" | "remsim.server_reachable" | "remsim.server_restarted" | "remsim.bankd_slot_flushed" | "command.queued" | "command.delivered" | "command.acknowledged" | "command.expired" | "usage.threshold_reached" | "card.locked" | "card.unlocked" | "card.imei_changed" | "api_key.revoked" | "webhook.disabled" | "rule.fired" | "client.rotated" | "bulk_job.created" | "bulk_job.finished" | "incident.opened" | "incident.escalated" | "incident.resolved" | "incident.acknowledged" | "prediction.connection_failure" | "api_key." | "bank." | "bulk_job." | "card." | "client." | "command." | "incident." | "pool." | "prediction." | "remsim." | "rule." | "slot." | "usage." | "webhook.")[];
            /** @description HMAC key; generated when absent */
            secret?: string;
            tenant_id: number;
            /** @description http(s) URL; private and loopback hosts are refused unless allowed */
            url: string;
        };
        /** @description The object is gone */
        DeleteAssignmentPolicyAnswer: {
            message: string;
            /** @enum {string} */
            status: "success";
        };
        /** @description Success: delete a webhook */
        DeleteWebhookAnswer: {
            [key: string]: unknown;
        };
        /** @description Success: service discovery for the router status page */
        DiscoverAnswer: {
            /** @description Absolute URL of the client API, as the caller reached it (X-Forwarded-* honoured with --trust-proxy) */
            api_endpoint: string;
            /** @description The client API’s path */
            api_path: string;
            capabilities: string[];
            heartbeat_interval: number;
            /** @description ionmesh */
            product: string;
            /** @description ionmesh-orchestrator (the seeds’ name of the service) */
            service: string;
            supported_mapping_modes: string[];
            supported_modes: string[];
            version: string;
        };
        /** @description Success: what a rule as given would do now: the objects it matches and its actions (nothing is saved or done) */
        DryRunRuleAnswer: {
            as_bulk_job: boolean;
            /** @enum {boolean} */
            dry_run: true;
            items: {
                bank_id: number | null;
                client_id: string | null;
                object: string;
                slot_id: number | null;
                trigger: unknown;
                would: string[];
            }[];
            matched: number;
            note: string | null;
            would_act_on: number;
        } & {
            [key: string]: unknown;
        };
        /** @description Success: what a saved rule would do now (nothing is done) */
        DryRunSavedRuleAnswer: {
            as_bulk_job: boolean;
            /** @enum {boolean} */
            dry_run: true;
            items: {
                bank_id: number | null;
                client_id: string | null;
                object: string;
                slot_id: number | null;
                trigger: unknown;
                would: string[];
            }[];
            matched: number;
            note: string | null;
            would_act_on: number;
        } & {
            [key: string]: unknown;
        };
        ErrorAnswer: {
            /** @description Stable machine-readable code */
            code: string;
            message: string;
            /** @enum {string} */
            status: "error";
        } & {
            [key: string]: unknown;
        };
        Event: {
            created_at: unknown;
            data: unknown;
            id: number;
            tenant_id: number | null;
            type: string;
        };
        /** @description Success: domain events: a page after after_id, or a live SSE stream (Accept: text/event-stream; resumes after Last-Event-ID) */
        EventsPage: {
            items: components["schemas"]["Event"][];
            next_after_id: number;
        };
        EventType: {
            /** @description The JSON Schema of the payload (data) of every event of the type */
            data: unknown;
            description: string;
            tenant: boolean;
            type: string;
        };
        /** @description Success: the catalogue of event types: what the stream, the event list and webhooks can filter by */
        EventTypesPage: {
            items: components["schemas"]["EventType"][];
        };
        /** @description The fleet at a glance */
        FleetOverview: {
            alerts: ({
                kind: string;
                message: string;
                ref: string;
                severity: "critical" | "warning";
                tenant_id: number | null;
            } & {
                [key: string]: unknown;
            })[];
            banks: ({
                assigned: number;
                available: number;
                bank_id: number;
                bankd: string | null;
                bankd_connected: boolean | null;
                disabled: number;
                faulty: number;
                name: string;
                remsim_server_id: number | null;
                server_reachable: boolean | null;
                slots: number;
                tenant_id: number;
                unserved?: number;
                unserved_reason?: string | null;
                /** @description Assigned slots over all slots, 0..1 */
                utilization: number;
            } & {
                [key: string]: unknown;
            })[];
            carriers: ({
                assigned: number;
                available: number;
                cards: number;
                carrier: string;
                tenant_id: number;
            } & {
                [key: string]: unknown;
            })[];
            clients: {
                by_carrier: ({
                    carrier: string;
                    offline: number;
                    online: number;
                    total: number;
                    unknown: number;
                } & {
                    [key: string]: unknown;
                })[];
                by_mode: ({
                    mapping_mode: string;
                    offline: number;
                    online: number;
                    total: number;
                    unknown: number;
                } & {
                    [key: string]: unknown;
                })[];
                by_tenant: ({
                    name: string | null;
                    offline: number;
                    online: number;
                    tenant_id: number;
                    total: number;
                    unknown: number;
                } & {
                    [key: string]: unknown;
                })[];
                offline: number;
                online: number;
                total: number;
                unknown: number;
            } & {
                [key: string]: unknown;
            };
            /** Format: date-time */
            generated_at: string;
            ki_pools: ({
                capacity: number;
                carrier: string | null;
                enabled: boolean;
                id: number;
                mcc_mnc: string;
                pool_name: string;
                tenant_id: number;
                used: number;
                /** @description Virtual SIMs over capacity, 0..1 */
                utilization: number;
            } & {
                [key: string]: unknown;
            })[];
            remsim_servers: ({
                conflicts: number;
                enabled: boolean;
                /** @description The last pass's figures (null before the first) */
                figures: unknown;
                id: number;
                invalid?: number;
                last_error: string | null;
                last_pass_at: string | null;
                name: string;
                reachable: boolean | null;
                simulated: boolean;
                stalled?: number;
                url: string;
            } & {
                [key: string]: unknown;
            })[];
        } & {
            [key: string]: unknown;
        };
        /** @description Success: fleet aggregates per 5-minute bucket or coarser: clients reporting and average signal */
        FleetStats: {
            /**
             * Format: date-time
             * @description RFC 3339 date-time, e.g. 2026-11-26T12:00:00Z (years 0001–9999)
             */
            from: string;
            range: string;
            /** @description t (epoch seconds) and one array per metric, aligned */
            series: {
                [key: string]: (number | null)[];
            };
            source: "raw" | "rollup";
            step_sec: number;
            /**
             * Format: date-time
             * @description RFC 3339 date-time, e.g. 2026-11-26T12:00:00Z (years 0001–9999)
             */
            to: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Success: a group with its thresholds */
        Group: {
            /** Format: date-time */
            created_at: string;
            filter: unknown;
            id: number;
            kind: string;
            /** @description Members listed (explicit groups) */
            listed: number;
            name: string;
            plan_id: number | null;
            priority: number;
            tenant_id: number;
            thresholds?: ({
                action: string;
                command_payload: unknown;
                command_type: string | null;
                enabled: boolean;
                id: number;
                percent: number;
            } & {
                [key: string]: unknown;
            })[];
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        GroupListItem: {
            /** Format: date-time */
            created_at: string;
            filter: unknown;
            id: number;
            kind: string;
            /** @description Members listed (explicit groups) */
            listed: number;
            name: string;
            plan_id: number | null;
            priority: number;
            tenant_id: number;
            thresholds?: ({
                action: string;
                command_payload: unknown;
                command_type: string | null;
                enabled: boolean;
                id: number;
                percent: number;
            } & {
                [key: string]: unknown;
            })[];
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        GroupMember: {
            bank_id: number;
            client_id: string | null;
            iccid: string | null;
            mcc_mnc: string | null;
            slot_id: number;
            status: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        GroupMembersPage: {
            group_id: number;
            items: components["schemas"]["GroupMember"][];
            limit: number;
            offset: number;
            total: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        GroupsPage: {
            items: components["schemas"]["GroupListItem"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: a tenant’s self-healing playbooks (defaults where it changed none) */
        HealingPlaybooks: {
            bankd_loss: {
                /** @description Wait before the second attempt; doubled for each one after */
                backoff_sec: number;
                /** @description A bank its remsim-server stopped listing (past --bank-offline-grace): its clients move to banks whose bankd is connected */
                enabled: boolean;
                /** @description Attempts before the incident is escalated to a person */
                max_attempts: number;
                /** @description When the bank returns, its clients move back to the cards they left (where those are free) */
                move_back: boolean;
            };
            card_failure: {
                /** @description Wait before the second attempt; doubled for each one after */
                backoff_sec: number;
                /** @description A failing card (auto-lock, health error): its client moves to another card of the carrier, the card becomes faulty */
                enabled: boolean;
                /** @description No free card of the carrier: escalate at once instead of retrying */
                escalate_when_no_card: boolean;
                /** @description Attempts before the incident is escalated to a person */
                max_attempts: number;
            };
            client_request: {
                /** @description Clients may ask for another card (request-new-slot) or another bankd (request-different-bankd) */
                enabled: boolean;
                /** @description A card a client reports failed becomes faulty (locked: an operator unlocks it) */
                mark_faulty: boolean;
            };
            /** @description Moves by self-healing per tenant and hour; past it incidents are escalated, not healed */
            max_moves_per_hour: number;
            /** @description A client is moved by self-healing at most once within this (a request from the client included) */
            move_cooldown_min: number;
            remsim_drift: {
                /** @description A remsim-server that lost, stalled or could not take maps: an incident until the reconciler has repaired it */
                enabled: boolean;
                /** @description Escalate when it is not repaired after this long */
                escalate_after_min: number;
            };
            silent_router: {
                /** @description A heartbeating client that went silent: an incident; a restart is queued when it returns */
                enabled: boolean;
                /** @description Escalate when it is still silent after this long */
                escalate_after_min: number;
                /** @description Queue a restart command when it heartbeats again */
                restart_on_return: boolean;
            };
            tenant_id: number;
        } & {
            [key: string]: unknown;
        };
        /** @description Success: the process is up */
        Health: {
            /** @enum {string} */
            status: "ok";
        };
        /** @description Success: report liveness and stats */
        HeartbeatAnswer: {
            /** @description Commands handed over now (marked delivered); acknowledge them with acks or POST /commands/:id/ack */
            commands: {
                id: number;
                payload: unknown;
                type: string;
            }[];
            next_heartbeat_interval: number;
            /** @enum {string} */
            status: "ok";
        };
        HeartbeatBody: {
            /** @description Answers to commands received in earlier heartbeat answers */
            acks?: {
                id: number;
                /** @description A command's result: at most 64 keys or items, nested 3 levels, 4096 bytes */
                result?: (string | number | boolean | null) | (((string | number | boolean | null) | ((string | number | boolean | null)[] | {
                    [key: string]: string | number | boolean | null;
                }))[] | {
                    [key: string]: (string | number | boolean | null) | ((string | number | boolean | null)[] | {
                        [key: string]: string | number | boolean | null;
                    });
                });
                status?: "ok" | "failed";
            }[];
            /**
             * @description The router client id, normally <hostname>-slot<N>
             * @example router1-slot0
             */
            client_id: string;
            client_token?: string | null;
            hardware_info?: ({
                /** @description Router board */
                board?: string;
                /** @description Modem firmware */
                firmware?: string;
                /** @description Modem IMEI */
                imei?: string;
                /** @description Modem manufacturer */
                manufacturer?: string;
                /** @description Modem model */
                model?: string;
                /** @description Network the modem is on */
                network?: string;
                /** @description Modem vendor */
                vendor?: string;
            } & {
                [key: string]: (string | number | boolean | null) | (((string | number | boolean | null) | ((string | number | boolean | null)[] | {
                    [key: string]: string | number | boolean | null;
                }))[] | {
                    [key: string]: (string | number | boolean | null) | ((string | number | boolean | null)[] | {
                        [key: string]: string | number | boolean | null;
                    });
                });
            }) | null;
            modem_info?: ({
                /** @description Router board */
                board?: string;
                /** @description Modem firmware */
                firmware?: string;
                /** @description Modem IMEI */
                imei?: string;
                /** @description Modem manufacturer */
                manufacturer?: string;
                /** @description Modem model */
                model?: string;
                /** @description Network the modem is on */
                network?: string;
                /** @description Modem vendor */
                vendor?: string;
            } & {
                [key: string]: (string | number | boolean | null) | (((string | number | boolean | null) | ((string | number | boolean | null)[] | {
                    [key: string]: string | number | boolean | null;
                }))[] | {
                    [key: string]: (string | number | boolean | null) | ((string | number | boolean | null)[] | {
                        [key: string]: string | number | boolean | null;
                    });
                });
            }) | null;
            stats?: ({
                /** @description Bytes received over the cellular link */
                data_rx_bytes?: number | null;
                /** @description Bytes sent over the cellular link */
                data_tx_bytes?: number | null;
                /** @description Errors since the client started */
                errors?: number | null;
                /** @description RSRP, dBm */
                rsrp?: number | null;
                /** @description RSRQ, dB */
                rsrq?: number | null;
                /** @description RSSI, dBm */
                rssi?: number | null;
                /** @description RSRP, dBm (the seeds’ name) */
                signal_rsrp?: number | null;
                /** @description RSSI, dBm (the seeds’ name) */
                signal_rssi?: number | null;
                /** @description SINR, dB */
                sinr?: number | null;
                /** @description TPDUs exchanged since the client started */
                tpdu_count?: number | null;
                /** @description TPDU errors since the client started */
                tpdu_errors?: number | null;
                /** @description TPDUs received (the seeds’ name) */
                tpdus_received?: number | null;
                /** @description TPDUs sent (the seeds’ name) */
                tpdus_sent?: number | null;
                /** @description Seconds since the client started */
                uptime_seconds?: number | null;
            } & {
                [key: string]: (string | number | boolean | null) | (((string | number | boolean | null) | ((string | number | boolean | null)[] | {
                    [key: string]: string | number | boolean | null;
                }))[] | {
                    [key: string]: (string | number | boolean | null) | ((string | number | boolean | null)[] | {
                        [key: string]: string | number | boolean | null;
                    });
                });
            }) | null;
            status?: string | null;
            tenant_id?: number | null;
        };
        ImeiBinding: {
            bank_id: number | null;
            client_id: string | null;
            created_at: string;
            created_by: string | null;
            enforcing: boolean;
            id: number;
            imei: string;
            last_mismatch: string | null;
            slot_id: number | null;
            tenant_id: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        ImeiBindingsPage: {
            items: components["schemas"]["ImeiBinding"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: import SIM inventory from CSV (bankd slot file or header-named); all or nothing */
        ImportSimsAnswer: {
            created: number;
            format: string;
            /** @description Cards replaced in slots that routers hold (replace_cards_in_use=true) */
            replaced_in_use: number;
            rows: number;
            /** @enum {string} */
            status: "success";
            updated: number;
        };
        /** @description Success: an incident with every attempt */
        Incident: {
            acknowledged_at: string | null;
            acknowledged_by: string | null;
            attempts: number;
            attempts_log: {
                /** @description lock_card, reassign, new_slot, other_bankd, move_back, queue_restart, escalate, wait_reconciler */
                action: string;
                client_id: string | null;
                detail: string | null;
                /** Format: date-time */
                finished_at: string;
                id: number;
                incident_id: number;
                moved: boolean;
                /** @description pending, success, failed, skipped */
                result: string;
                /** Format: date-time */
                started_at: string;
            }[];
            bank_id: number | null;
            bankd_id: number | null;
            /** @description card_failure, bankd_loss, client_request, silent_router, remsim_drift */
            cause: string;
            client_id: string | null;
            /** @description What the playbook learnt and did: clients moved (from, to), the last error */
            details: unknown;
            /** Format: date-time */
            detected_at: string;
            diagnosed_at: string | null;
            /** @description Detected to resolved (to now while open), seconds */
            duration_sec: number;
            escalated_at: string | null;
            event_id: number | null;
            follow_up: string | null;
            healing_at: string | null;
            id: number;
            next_at: string | null;
            /** @description card:<bank>/<slot>, bank:<bank>, client:<tenant>/<client_id>, server:<id> */
            object_key: string;
            resolution: string | null;
            resolved_at: string | null;
            resolved_by: string | null;
            server_id: number | null;
            /** @description info, warning, critical */
            severity: string;
            slot_id: number | null;
            /** @description detected, diagnosing, healing, resolved, escalated */
            state: string;
            summary: string;
            /** @description null: installation-wide (a remsim-server) */
            tenant_id: number | null;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        IncidentListItem: {
            acknowledged_at: string | null;
            acknowledged_by: string | null;
            attempts: number;
            bank_id: number | null;
            bankd_id: number | null;
            /** @description card_failure, bankd_loss, client_request, silent_router, remsim_drift */
            cause: string;
            client_id: string | null;
            /** @description What the playbook learnt and did: clients moved (from, to), the last error */
            details: unknown;
            /** Format: date-time */
            detected_at: string;
            diagnosed_at: string | null;
            /** @description Detected to resolved (to now while open), seconds */
            duration_sec: number;
            escalated_at: string | null;
            event_id: number | null;
            follow_up: string | null;
            healing_at: string | null;
            id: number;
            next_at: string | null;
            /** @description card:<bank>/<slot>, bank:<bank>, client:<tenant>/<client_id>, server:<id> */
            object_key: string;
            resolution: string | null;
            resolved_at: string | null;
            resolved_by: string | null;
            server_id: number | null;
            /** @description info, warning, critical */
            severity: string;
            slot_id: number | null;
            /** @description detected, diagnosing, healing, resolved, escalated */
            state: string;
            summary: string;
            /** @description null: installation-wide (a remsim-server) */
            tenant_id: number | null;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        IncidentsPage: {
            items: components["schemas"]["IncidentListItem"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: a bulk job and how far it is */
        Job: {
            action: string;
            batch_size: number;
            cancelled: number;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            done: number;
            failed: number;
            finished_at: string | null;
            id: number;
            params: {
                [key: string]: unknown;
            };
            pending: number;
            /** @description Share of items finished, 0..1 */
            progress: number;
            reason: string | null;
            /** @description Claimed: under way */
            running: number;
            selector: {
                [key: string]: unknown;
            };
            skipped: number;
            /** @description running, done, cancelled */
            state: string;
            /** @description card or client */
            target: string;
            tenant_id: number;
            total: number;
        } & {
            [key: string]: unknown;
        };
        JobAction: {
            access: string;
            action: string;
            description: string;
            optional: string[];
            required: string[];
            target: string;
        };
        /** @description Success: the actions a bulk job can run, with what they act on and the access they need */
        JobActionsPage: {
            items: components["schemas"]["JobAction"][];
        };
        JobItem: {
            attempts: number;
            bank_id: number | null;
            claimed_at: string | null;
            client_id: string | null;
            finished_at: string | null;
            job_id: number;
            reason: string | null;
            result: unknown;
            seq: number;
            slot_id: number | null;
            /** @description pending, running, done, skipped, failed, cancelled */
            state: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        JobItemsPage: {
            items: components["schemas"]["JobItem"][];
            job_id: number;
            limit: number;
            offset: number;
            total: number;
        };
        JobListItem: {
            action: string;
            batch_size: number;
            cancelled: number;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            done: number;
            failed: number;
            finished_at: string | null;
            id: number;
            params: {
                [key: string]: unknown;
            };
            pending: number;
            /** @description Share of items finished, 0..1 */
            progress: number;
            reason: string | null;
            /** @description Claimed: under way */
            running: number;
            selector: {
                [key: string]: unknown;
            };
            skipped: number;
            /** @description running, done, cancelled */
            state: string;
            /** @description card or client */
            target: string;
            tenant_id: number;
            total: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        JobsPage: {
            items: components["schemas"]["JobListItem"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description A KI proxy pool with its KI cards */
        KiProxyPool: {
            bank_id: number;
            capacity: number;
            carrier: string | null;
            /** Format: date-time */
            created_at: string;
            current_virtual_sims: number;
            enabled: boolean;
            id: number;
            max_virtual_sims: number;
            mcc_mnc: string;
            /** @description The KI cards of its physical range */
            physical_sims: ({
                bank_id: number;
                card_type: string;
                carrier: string | null;
                health_status: string;
                iccid: string | null;
                imsi: string | null;
                mcc_mnc: string | null;
                slot_id: number;
                status: string;
            } & {
                [key: string]: unknown;
            })[];
            physical_slot_end: number;
            physical_slot_start: number;
            pool_name: string;
            routing_mode: string;
            slot_range: string;
            slots: number;
            tenant_id: number;
            /** Format: date-time */
            updated_at: string;
            /** @description Share of capacity in use, 0 to 1 */
            utilization: number;
            virtual_segments: ({
                bank_id: number;
                virtual_slot_end: number;
                virtual_slot_start: number;
            } & {
                [key: string]: unknown;
            })[];
            virtual_slots: number;
        } & {
            [key: string]: unknown;
        };
        /** @description Success: osmo-remsim-bankd arguments matching the pool, one line per segment */
        KiProxyPoolBankdConfig: {
            /** @description Which osmo-remsim-bankd runs these lines: -k, -S, -V and -C are the KI-proxy build’s options, not the stock bankd’s */
            bankd_build: string;
            capacity: number;
            lines: ({
                /** @description The arguments, one per element */
                args: string[];
                bank_id: number;
                /** @description The whole command line, to copy */
                command: string;
            } & {
                [key: string]: unknown;
            })[];
            /** @description What to know before running the lines (a bankd of another bank id …) */
            note?: string;
            pool_id: number;
            pool_name: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A KI proxy pool with its capacity and use */
        KiProxyPoolListItem: {
            bank_id: number;
            capacity: number;
            carrier: string | null;
            /** Format: date-time */
            created_at: string;
            current_virtual_sims: number;
            enabled: boolean;
            id: number;
            max_virtual_sims: number;
            mcc_mnc: string;
            physical_slot_end: number;
            physical_slot_start: number;
            pool_name: string;
            routing_mode: string;
            slot_range: string;
            slots: number;
            tenant_id: number;
            /** Format: date-time */
            updated_at: string;
            /** @description Share of capacity in use, 0 to 1 */
            utilization: number;
            virtual_segments: ({
                bank_id: number;
                virtual_slot_end: number;
                virtual_slot_start: number;
            } & {
                [key: string]: unknown;
            })[];
            virtual_slots: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        KiProxyPoolsPage: {
            items: components["schemas"]["KiProxyPoolListItem"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description A carrier plan: allowance per cycle, cycle start day, costs, and usage thresholds */
        Plan: {
            allowance_bytes: number | null;
            allowance_mb: number | null;
            /** @description Cards on it as their own plan (carrier default cards aside) */
            cards: number;
            /** @description Cards it prices now: as their own plan, their group’s or their carrier’s default */
            cards_priced: number;
            carrier_default: boolean;
            cost_per_mb: number;
            /** Format: date-time */
            created_at: string;
            currency: string;
            cycle_day: number;
            id: number;
            mcc_mnc: string | null;
            monthly_fee: number;
            name: string;
            overage_cost_per_mb: number;
            tenant_id: number;
            thresholds: ({
                action: string;
                command_payload: unknown;
                command_type: string | null;
                enabled: boolean;
                id: number;
                percent: number;
            } & {
                [key: string]: unknown;
            })[];
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        PlansPage: {
            items: components["schemas"]["Plan"][];
            limit: number;
            offset: number;
            total: number;
        };
        Prediction: {
            /** Format: date-time */
            at: string;
            /** @description The card it was on when judged */
            bank_id: number | null;
            client_id: string;
            /** @description The probability of the answer given (failure or not) */
            confidence: number;
            failure_predicted: boolean;
            /** @description The numbers behind it */
            features: {
                [key: string]: number;
            };
            model_version: number;
            predicted_failure_at: string | null;
            /** @description That it loses its connection within the model’s horizon */
            probability: number;
            /** @description move_to_other_card, queue_restart, check_site_signal, watch */
            recommended_action: string;
            slot_id: number | null;
            tenant_id: number;
            ttf_min: number | null;
            warned_since: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Success: a fault prediction model (by version) */
        PredictionModel: {
            active: boolean;
            algorithm: string;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            features: string[];
            horizon_min: number;
            id: number;
            /** @description Measured on a test set it never saw: accuracy, precision, recall (per moment and per router), lead times */
            quality: {
                [key: string]: unknown;
            };
            threshold: number;
            training: {
                [key: string]: unknown;
            };
            version: number;
        } & {
            [key: string]: unknown;
        };
        PredictionModelListItem: {
            active: boolean;
            algorithm: string;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            features: string[];
            horizon_min: number;
            id: number;
            /** @description Measured on a test set it never saw: accuracy, precision, recall (per moment and per router), lead times */
            quality: {
                [key: string]: unknown;
            };
            threshold: number;
            training: {
                [key: string]: unknown;
            };
            version: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        PredictionModelsPage: {
            items: components["schemas"]["PredictionModelListItem"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description A page of items, with total, limit and offset */
        PredictionsPage: {
            items: components["schemas"]["Prediction"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: which clients the policy would rotate now, and why (nothing moves) */
        PreviewRotationAnswer: {
            due: {
                allowance_bytes: number | null;
                bank_id: number;
                /** Format: date-time */
                card_since: string;
                client_id: string;
                slot_id: number;
                trigger: string;
                used_bytes: number | null;
                valid_until: string | null;
            }[];
            in_window: boolean;
            policy_id: number;
            schedule_due: string | null;
        };
        /** @description Success: a tenant’s card protection settings (defaults where it set none) */
        Protection: {
            /** @description Lock a card whose failures reach the limit within the window (default on) */
            auto_lock: boolean;
            /** @description Failures within the window that lock a card (5) */
            failure_limit: number;
            /** @description The window, minutes (60) */
            failure_window_min: number;
            /** @description … when it carried at least this many TPDUs (20) */
            min_tpdus: number;
            /** @description A registration the remsim-server never saw connect within this is a failure (10) */
            presence_grace_min: number;
            tenant_id: number;
            /** @description A sample with at least this share of its TPDUs in error is a failure (0.2) */
            tpdu_error_rate: number;
            /** @description Clients leave a card this long before its validity ends (24) */
            validity_notice_hours: number;
        } & {
            [key: string]: unknown;
        };
        /** @description Success: set a card’s tags */
        PutCardTagsAnswer: {
            bank_id: number;
            slot_id: number;
            tags: string[];
        } & {
            [key: string]: unknown;
        };
        PutCardTagsBody: {
            /** @description The whole list (replaces the tags) */
            tags: string[];
        };
        /** @description Success: set a card’s own plan, validity end or thresholds (fields not given stay) */
        PutCardUsageSettingsAnswer: {
            bank_id: number;
            plan_id: number | null;
            slot_id: number;
            tenant_id: number | null;
            thresholds: ({
                action: string;
                command_payload: unknown;
                command_type: string | null;
                enabled: boolean;
                id: number;
                percent: number;
            } & {
                [key: string]: unknown;
            })[];
            valid_until: string | null;
        } & {
            [key: string]: unknown;
        };
        PutCardUsageSettingsBody: {
            /** @description The card’s own plan; null: its carrier’s default */
            plan_id?: number | null;
            /** @description The whole list: one of the same percent and action is kept (it does not fire again this cycle) */
            thresholds?: {
                /** @description event: usage.threshold_reached only; disable_and_move: the card is disabled and its client moved to a free card of the same carrier (it keeps its RSPRO identity); command: a command queued for the client (agents that heartbeat) */
                action: "event" | "disable_and_move" | "command";
                command_payload?: {
                    [key: string]: unknown;
                };
                command_type?: "restart" | "reregister" | "switch_slot" | "update_config";
                enabled?: boolean;
                /** @description Share of the allowance, e.g. 80 or 100 */
                percent: number;
            }[];
            /** @description The last day the card may serve (it is not assigned after, and its client leaves before) */
            valid_until?: string | null;
        };
        /** @description Success: set a client’s tags (of a tenant: a client id may be in several) */
        PutClientTagsAnswer: {
            client_id: string;
            tags: string[];
            tenant_id: number;
        } & {
            [key: string]: unknown;
        };
        PutClientTagsBody: {
            /** @description The whole list (replaces the tags) */
            tags: string[];
            tenant_id: number;
        };
        /** @description Success: change a tenant’s self-healing playbooks (fields not given stay) */
        PutHealingPlaybooksAnswer: {
            bankd_loss: {
                /** @description Wait before the second attempt; doubled for each one after */
                backoff_sec: number;
                /** @description A bank its remsim-server stopped listing (past --bank-offline-grace): its clients move to banks whose bankd is connected */
                enabled: boolean;
                /** @description Attempts before the incident is escalated to a person */
                max_attempts: number;
                /** @description When the bank returns, its clients move back to the cards they left (where those are free) */
                move_back: boolean;
            };
            card_failure: {
                /** @description Wait before the second attempt; doubled for each one after */
                backoff_sec: number;
                /** @description A failing card (auto-lock, health error): its client moves to another card of the carrier, the card becomes faulty */
                enabled: boolean;
                /** @description No free card of the carrier: escalate at once instead of retrying */
                escalate_when_no_card: boolean;
                /** @description Attempts before the incident is escalated to a person */
                max_attempts: number;
            };
            client_request: {
                /** @description Clients may ask for another card (request-new-slot) or another bankd (request-different-bankd) */
                enabled: boolean;
                /** @description A card a client reports failed becomes faulty (locked: an operator unlocks it) */
                mark_faulty: boolean;
            };
            /** @description Moves by self-healing per tenant and hour; past it incidents are escalated, not healed */
            max_moves_per_hour: number;
            /** @description A client is moved by self-healing at most once within this (a request from the client included) */
            move_cooldown_min: number;
            remsim_drift: {
                /** @description A remsim-server that lost, stalled or could not take maps: an incident until the reconciler has repaired it */
                enabled: boolean;
                /** @description Escalate when it is not repaired after this long */
                escalate_after_min: number;
            };
            silent_router: {
                /** @description A heartbeating client that went silent: an incident; a restart is queued when it returns */
                enabled: boolean;
                /** @description Escalate when it is still silent after this long */
                escalate_after_min: number;
                /** @description Queue a restart command when it heartbeats again */
                restart_on_return: boolean;
            };
            tenant_id: number;
        } & {
            [key: string]: unknown;
        };
        PutHealingPlaybooksBody: {
            bankd_loss?: {
                /** @description Wait before the second attempt; doubled for each one after */
                backoff_sec?: number;
                /** @description A bank its remsim-server stopped listing (past --bank-offline-grace): its clients move to banks whose bankd is connected */
                enabled?: boolean;
                /** @description Attempts before the incident is escalated to a person */
                max_attempts?: number;
                /** @description When the bank returns, its clients move back to the cards they left (where those are free) */
                move_back?: boolean;
            };
            card_failure?: {
                /** @description Wait before the second attempt; doubled for each one after */
                backoff_sec?: number;
                /** @description A failing card (auto-lock, health error): its client moves to another card of the carrier, the card becomes faulty */
                enabled?: boolean;
                /** @description No free card of the carrier: escalate at once instead of retrying */
                escalate_when_no_card?: boolean;
                /** @description Attempts before the incident is escalated to a person */
                max_attempts?: number;
            };
            client_request?: {
                /** @description Clients may ask for another card (request-new-slot) or another bankd (request-different-bankd) */
                enabled?: boolean;
                /** @description A card a client reports failed becomes faulty (locked: an operator unlocks it) */
                mark_faulty?: boolean;
            };
            /** @description Moves by self-healing per tenant and hour; past it incidents are escalated, not healed */
            max_moves_per_hour?: number;
            /** @description A client is moved by self-healing at most once within this (a request from the client included) */
            move_cooldown_min?: number;
            remsim_drift?: {
                /** @description A remsim-server that lost, stalled or could not take maps: an incident until the reconciler has repaired it */
                enabled?: boolean;
                /** @description Escalate when it is not repaired after this long */
                escalate_after_min?: number;
            };
            silent_router?: {
                /** @description A heartbeating client that went silent: an incident; a restart is queued when it returns */
                enabled?: boolean;
                /** @description Escalate when it is still silent after this long */
                escalate_after_min?: number;
                /** @description Queue a restart command when it heartbeats again */
                restart_on_return?: boolean;
            };
        };
        /** @description Success: change a tenant’s card protection settings (fields not given stay) */
        PutProtectionAnswer: {
            /** @description Lock a card whose failures reach the limit within the window (default on) */
            auto_lock: boolean;
            /** @description Failures within the window that lock a card (5) */
            failure_limit: number;
            /** @description The window, minutes (60) */
            failure_window_min: number;
            /** @description … when it carried at least this many TPDUs (20) */
            min_tpdus: number;
            /** @description A registration the remsim-server never saw connect within this is a failure (10) */
            presence_grace_min: number;
            tenant_id: number;
            /** @description A sample with at least this share of its TPDUs in error is a failure (0.2) */
            tpdu_error_rate: number;
            /** @description Clients leave a card this long before its validity ends (24) */
            validity_notice_hours: number;
        } & {
            [key: string]: unknown;
        };
        PutProtectionBody: {
            /** @description Lock a card whose failures reach the limit within the window (default on) */
            auto_lock?: boolean;
            /** @description Failures within the window that lock a card (5) */
            failure_limit?: number;
            /** @description The window, minutes (60) */
            failure_window_min?: number;
            /** @description … when it carried at least this many TPDUs (20) */
            min_tpdus?: number;
            /** @description A registration the remsim-server never saw connect within this is a failure (10) */
            presence_grace_min?: number;
            /** @description A sample with at least this share of its TPDUs in error is a failure (0.2) */
            tpdu_error_rate?: number;
            /** @description Clients leave a card this long before its validity ends (24) */
            validity_notice_hours?: number;
        };
        PutSimCardBody: {
            card_metadata?: {
                [key: string]: unknown;
            } | null;
            card_type?: "REGULAR" | "KI_PROXY_MASTER" | "VIRTUAL";
            carrier?: string | null;
            /** @description ICCID (E.118, Luhn checked) */
            iccid: string;
            imsi?: string | null;
            ki_pool_name?: string | null;
            ki_pool_priority?: number | null;
            mcc_mnc?: string | null;
        };
        /** @description Success: queue a command for a client that heartbeats (delivered in its next heartbeat answer) */
        QueueClientCommandAnswer: {
            acknowledged_at: string | null;
            client_id: string;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            delivered_at: string | null;
            /** Format: date-time */
            expires_at: string;
            id: number;
            payload: unknown;
            profile_id: string;
            result: unknown;
            status: "pending" | "delivered" | "acknowledged" | "failed" | "expired";
            tenant_id: number;
            type: string;
        } & {
            [key: string]: unknown;
        };
        QueueClientCommandBody: {
            /** @default 3600 */
            expires_in_sec: number;
            payload?: {
                [key: string]: unknown;
            };
            /** @description Tenant id */
            tenant_id?: number;
            type: "restart" | "reregister" | "switch_slot" | "update_config";
        };
        /** @description Success: the database answers */
        Readiness: {
            database: string;
            /** @enum {string} */
            status: "ok";
        };
        /** @description Success: move a client to another slot; the router keeps its RSPRO identity, the remsim-server mapping follows */
        ReassignClientAnswer: {
            client_id: string;
            from: {
                bank_id: number;
                slot_id: number;
            };
            profile_id: string;
            rspro: {
                client_id: number;
                slot_nr: number;
            };
            /** @enum {string} */
            status: "success";
            to: {
                bank_id: number;
                iccid: string | null;
                imsi: string | null;
                slot_id: number;
            };
        };
        /** @description bank_id + slot_id: that slot; bank_id alone: the first free slot of that bank; neither: the first free slot of the same carrier (or mcc_mnc) */
        ReassignClientBody: {
            /** @description SIM bank id (RSPRO 1..1023) */
            bank_id?: number;
            /** @description MCC+MNC, e.g. 310410 */
            mcc_mnc?: string;
            reason?: string;
            /** @description Bank slot, numbered from 0 */
            slot_id?: number;
            /** @description Tenant id */
            tenant_id?: number;
        };
        /** @description The outcome of the pass, with its figures */
        ReconcileRemsimServerAnswer: {
            status: "reconciled" | "unreachable";
        } & {
            [key: string]: unknown;
        };
        /** @description Success: send a delivery again now */
        RedeliverWebhookDeliveryAnswer: {
            [key: string]: unknown;
        };
        /** @description Success: register a client and get its SIM assignment */
        RegisterClientAnswer: {
            /** @description RSPRO client id the router presents (1..1023) */
            bank_id: number;
            bankd_endpoint: string;
            /** @description Keyless registrations: this profile’s token. A client that sends it back (X-Client-Token, or client_token in a heartbeat) is held to it */
            client_token?: string;
            heartbeat_interval: number;
            iccid: string;
            imsi: string;
            ki_proxy_enabled: boolean;
            /** @description KI_PROXY_SWSIM only; after the top-level keys (the client reads the first occurrence of a key) */
            ki_proxy_pool?: {
                carrier: string | null;
                mcc_mnc: string;
                pool_id: number;
                pool_name: string;
                virtual_slot: number;
            };
            mapping_mode: string;
            note?: string;
            /** Format: uuid */
            profile_id: string;
            /** @description The bank slot that serves the profile (the virtual slot for KI_PROXY_SWSIM) */
            sim_slot: {
                bank_id: number;
                slot_id: number;
                tenant_id: number;
            };
            /** @description RSPRO client slot the router presents (1..1023) */
            slot_id: number;
            /** @enum {string} */
            status: "success";
        };
        /** @description Unknown extra keys are ignored; known keys of the wrong type are refused; null is the same as absent. */
        RegisterClientBody: {
            carrier?: string | null;
            /**
             * @description The router client id, normally <hostname>-slot<N>
             * @example router1-slot0
             */
            client_id: string;
            hardware_info?: ({
                /** @description Router board */
                board?: string;
                /** @description Modem firmware */
                firmware?: string;
                /** @description Modem IMEI */
                imei?: string;
                /** @description Modem manufacturer */
                manufacturer?: string;
                /** @description Modem model */
                model?: string;
                /** @description Network the modem is on */
                network?: string;
                /** @description Modem vendor */
                vendor?: string;
            } & {
                [key: string]: (string | number | boolean | null) | (((string | number | boolean | null) | ((string | number | boolean | null)[] | {
                    [key: string]: string | number | boolean | null;
                }))[] | {
                    [key: string]: (string | number | boolean | null) | ((string | number | boolean | null)[] | {
                        [key: string]: string | number | boolean | null;
                    });
                });
            }) | null;
            mapping_mode?: ("ONE_TO_ONE_SWSIM" | "ONE_TO_ONE_VSIM" | "KI_PROXY_SWSIM") | null;
            mcc_mnc?: string | null;
            modem_firmware?: string | null;
            modem_imei?: string | null;
            modem_model?: string | null;
            modem_vendor?: string | null;
            preferred_bank_id?: number | null;
            tenant_id?: number | null;
        };
        /** @description A remsim-server and what the reconciler last found */
        RemsimServer: {
            bankd_instances: number;
            /** @description Maps on the server that IonMesh did not make and that hold its slots */
            conflicts: unknown[];
            /** Format: date-time */
            created_at: string;
            enabled: boolean;
            failures: number;
            /** @description Counts of the last pass (maps desired, created, deleted …) */
            figures: {
                [key: string]: number;
            } | null;
            flushes_total: number;
            id: number;
            /** @description Maps IonMesh wants but cannot make (a bank slot beyond its bankd), each with its client and reason */
            invalid: unknown[];
            last_error: string | null;
            last_pass_at: string | null;
            last_pass_ms: number | null;
            last_success_at: string | null;
            /** @description The IonMesh process reconciling it now */
            lease_owner: string | null;
            name: string;
            next_attempt_at: string | null;
            /** @description The last pass or probe reached it (null: not tried yet) */
            reachable: boolean | null;
            repairs_total: number;
            simulated: boolean;
            /** @description Maps the server has not pushed to their bankd */
            stalled: unknown[];
            stalls_total: number;
            status: string;
            /** Format: date-time */
            updated_at: string;
            url: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        RemsimServersPage: {
            items: components["schemas"]["RemsimServer"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: my bankd is unreachable: move me to a card on a bank another bankd serves; my RSPRO identity stays */
        RequestDifferentBankdAnswer: {
            /** @description RSPRO client id the router presents: unchanged */
            bank_id: number;
            bankd_endpoint: string;
            client_id: string;
            iccid: string;
            imsi: string;
            incident_id: number;
            message: string;
            sim_slot: {
                bank_id: number;
                slot_id: number;
                tenant_id: number;
            };
            /** @description RSPRO client slot the router presents: unchanged */
            slot_id: number;
            /** @enum {string} */
            status: "success";
        };
        RequestDifferentBankdBody: {
            /**
             * @description The router client id, normally <hostname>-slot<N>
             * @example router1-slot0
             */
            client_id: string;
            client_token?: string | null;
            reason?: string | null;
            tenant_id?: number | null;
        };
        /** @description Success: my SIM failed: move me to another card of my carrier (the card is marked faulty); my RSPRO identity stays */
        RequestNewSlotAnswer: {
            /** @description RSPRO client id the router presents: unchanged */
            bank_id: number;
            bankd_endpoint: string;
            client_id: string;
            iccid: string;
            imsi: string;
            incident_id: number;
            message: string;
            sim_slot: {
                bank_id: number;
                slot_id: number;
                tenant_id: number;
            };
            /** @description RSPRO client slot the router presents: unchanged */
            slot_id: number;
            /** @enum {string} */
            status: "success";
        };
        /** @description Success: resolve an incident by hand (self-healing stops working on it) */
        ResolveIncidentAnswer: {
            acknowledged_at: string | null;
            acknowledged_by: string | null;
            attempts: number;
            attempts_log: {
                /** @description lock_card, reassign, new_slot, other_bankd, move_back, queue_restart, escalate, wait_reconciler */
                action: string;
                client_id: string | null;
                detail: string | null;
                /** Format: date-time */
                finished_at: string;
                id: number;
                incident_id: number;
                moved: boolean;
                /** @description pending, success, failed, skipped */
                result: string;
                /** Format: date-time */
                started_at: string;
            }[];
            bank_id: number | null;
            bankd_id: number | null;
            /** @description card_failure, bankd_loss, client_request, silent_router, remsim_drift */
            cause: string;
            client_id: string | null;
            /** @description What the playbook learnt and did: clients moved (from, to), the last error */
            details: unknown;
            /** Format: date-time */
            detected_at: string;
            diagnosed_at: string | null;
            /** @description Detected to resolved (to now while open), seconds */
            duration_sec: number;
            escalated_at: string | null;
            event_id: number | null;
            follow_up: string | null;
            healing_at: string | null;
            id: number;
            next_at: string | null;
            /** @description card:<bank>/<slot>, bank:<bank>, client:<tenant>/<client_id>, server:<id> */
            object_key: string;
            resolution: string | null;
            resolved_at: string | null;
            resolved_by: string | null;
            server_id: number | null;
            /** @description info, warning, critical */
            severity: string;
            slot_id: number | null;
            /** @description detected, diagnosing, healing, resolved, escalated */
            state: string;
            summary: string;
            /** @description null: installation-wide (a remsim-server) */
            tenant_id: number | null;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        ResolveIncidentBody: {
            note?: string;
        };
        /** @description Success: revoke an API key (at once, for every process); the last active admin key cannot be revoked */
        RevokeApiKeyAnswer: {
            created_at: string;
            expires_at: string | null;
            id: number;
            last_used_at: string | null;
            name: string;
            /** @description The first 12 characters of the key, to recognise it */
            prefix: string;
            revoked_at: string | null;
            role: string;
            tenant_id: number | null;
        };
        Rotation: {
            /** Format: date-time */
            at: string;
            client_id: string;
            detail: unknown;
            from_bank_id: number;
            from_slot_id: number;
            id: number;
            policy_id: number | null;
            profile_id: string;
            tenant_id: number;
            to_bank_id: number;
            to_slot_id: number;
            trigger: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        RotationPoliciesPage: {
            items: components["schemas"]["RotationPolicyListItem"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: a rotation policy */
        RotationPolicy: {
            allow_other_carrier: boolean;
            /** Format: date-time */
            created_at: string;
            enabled: boolean;
            group_id: number | null;
            id: number;
            last_run_at: string | null;
            last_scheduled_at: string | null;
            max_days_on_card: number | null;
            max_per_run: number;
            name: string;
            schedule: string | null;
            tenant_id: number;
            timezone: string;
            /** Format: date-time */
            updated_at: string;
            usage_percent: number | null;
            validity_days: number | null;
            window: {
                /** @description ISO weekdays, 1 = Monday */
                days?: number[];
                /** @description HH:MM, local time */
                end: string;
                /** @description HH:MM, local time */
                start: string;
            } | null;
        } & {
            [key: string]: unknown;
        };
        RotationPolicyListItem: {
            allow_other_carrier: boolean;
            /** Format: date-time */
            created_at: string;
            enabled: boolean;
            group_id: number | null;
            id: number;
            last_run_at: string | null;
            last_scheduled_at: string | null;
            max_days_on_card: number | null;
            max_per_run: number;
            name: string;
            schedule: string | null;
            tenant_id: number;
            timezone: string;
            /** Format: date-time */
            updated_at: string;
            usage_percent: number | null;
            validity_days: number | null;
            window: {
                /** @description ISO weekdays, 1 = Monday */
                days?: number[];
                /** @description HH:MM, local time */
                end: string;
                /** @description HH:MM, local time */
                start: string;
            } | null;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        RotationsPage: {
            items: components["schemas"]["Rotation"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: an automation rule */
        Rule: {
            actions: unknown;
            conditions: unknown;
            cooldown_sec: number;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            enabled: boolean;
            id: number;
            last_run_at: string | null;
            max_per_hour: number;
            name: string;
            runs_last_hour: number;
            tenant_id: number;
            trigger: unknown;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        RuleAction: {
            access: string;
            action: string;
            description: string;
            target: string;
        };
        /** @description Success: what a rule can do, on what, and the access a key needs to give a rule that action */
        RuleActionsPage: {
            items: components["schemas"]["RuleAction"][];
        };
        RuleListItem: {
            actions: unknown;
            conditions: unknown;
            cooldown_sec: number;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            enabled: boolean;
            id: number;
            last_run_at: string | null;
            max_per_hour: number;
            name: string;
            runs_last_hour: number;
            tenant_id: number;
            trigger: unknown;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        RuleRun: {
            actions: unknown;
            /** Format: date-time */
            at: string;
            event_id: number | null;
            finished_at: string | null;
            id: number;
            object_key: string;
            reason: string | null;
            /** @description pending, done, failed, cooldown, limited, job */
            result: string;
            rule_id: number;
            tenant_id: number;
            trigger: unknown;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        RuleRunsPage: {
            items: components["schemas"]["RuleRun"][];
            limit: number;
            offset: number;
            rule_id: number;
            total: number;
        };
        /** @description A page of items, with total, limit and offset */
        RulesPage: {
            items: components["schemas"]["RuleListItem"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: rotate now: the policy’s due clients, outside its window too (409 while a pass holds it) */
        RunRotationAnswer: {
            items: {
                client_id: string;
                from: {
                    bank_id: number;
                    slot_id: number;
                };
                reason?: string;
                /** @description rotated or failed */
                result: string;
                to?: {
                    bank_id: number;
                    slot_id: number;
                };
                trigger: string;
            }[];
            policy_id: number;
        };
        /** @description A SIM card in a slot of a bank */
        SimCard: {
            bank_id: number;
            /** @description Free-form data of the operator (null: none) */
            card_metadata: unknown;
            card_type: string;
            carrier: string | null;
            health_status: string;
            iccid: string | null;
            imsi: string | null;
            ki_pool_name: string | null;
            ki_pool_priority: number | null;
            mcc_mnc: string | null;
            /** @description The seeds’ name of iccid */
            physical_iccid: string | null;
            /** @description The seeds’ name of imsi */
            physical_imsi: string | null;
            slot_id: number;
            status: string;
            tenant_id: number;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        SimCardsPage: {
            items: components["schemas"]["SimCard"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description A slot with its card and health log */
        Slot: {
            bank_id: number;
            card_metadata: {
                [key: string]: unknown;
            } | null;
            card_type: "REGULAR" | "KI_PROXY_MASTER" | "VIRTUAL";
            carrier: string | null;
            /** @description Newest first, at most 100 */
            health_log: ({
                /** Format: date-time */
                created_at: string;
                id: number;
                kind: string;
                new_status: string;
                old_status: string | null;
                reason: string | null;
            } & {
                [key: string]: unknown;
            })[];
            health_status: string;
            iccid: string | null;
            imsi: string | null;
            ki_pool_name: string | null;
            ki_pool_priority: number | null;
            last_health_check: string | null;
            mcc_mnc: string | null;
            reader_name: string | null;
            slot_id: number;
            status: "available" | "assigned" | "faulty" | "disabled" | "empty" | "unserved";
            /** @description Why the remsim side cannot serve the slot now (its bankd serves fewer slots, a foreign map holds it) */
            unserved_reason?: string | null;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A slot of a bank with its card */
        SlotListItem: {
            bank_id: number;
            card_metadata: {
                [key: string]: unknown;
            } | null;
            card_type: "REGULAR" | "KI_PROXY_MASTER" | "VIRTUAL";
            carrier: string | null;
            health_status: string;
            iccid: string | null;
            imsi: string | null;
            ki_pool_name: string | null;
            ki_pool_priority: number | null;
            last_health_check: string | null;
            mcc_mnc: string | null;
            reader_name: string | null;
            slot_id: number;
            status: "available" | "assigned" | "faulty" | "disabled" | "empty" | "unserved";
            /** @description Why the remsim side cannot serve the slot now (its bankd serves fewer slots, a foreign map holds it) */
            unserved_reason?: string | null;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        SlotsPage: {
            items: components["schemas"]["SlotListItem"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: rows and bytes of the stats tables, and the rollup watermark */
        StatsStorage: {
            [key: string]: unknown;
        };
        /** @description A tenant and who may enroll its routers */
        Tenant: {
            bind_client_source: boolean;
            /** Format: date-time */
            created_at: string;
            enrollment_cidrs: string[];
            enrollment_mode: "open" | "cidr" | "key";
            id: number;
            move_on_config_mismatch: boolean;
            name: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        TenantsPage: {
            items: components["schemas"]["Tenant"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: put a locked card back in service (faulty or disabled → available) */
        UnlockCardAnswer: {
            bank_id: number;
            kind: string;
            lock_id: number;
            slot_id: number;
            slot_status: string | null;
            /** @enum {string} */
            status: "success";
        } & {
            [key: string]: unknown;
        };
        UpdateAssignmentPolicyBody: {
            action?: {
                load_balancing?: "fill-first" | "least-loaded" | "round-robin";
                preferred_banks?: number[];
                type: "assign" | "deny";
            };
            /** @description All given conditions must hold */
            conditions?: {
                /** @description Glob: * any run, ? one character */
                client_id_pattern?: string;
                hardware_vendor?: string[];
                mcc_mnc?: string[];
                time_window?: {
                    days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                    /** @description HH:MM; before start means across midnight */
                    end: string;
                    /** @description HH:MM local time */
                    start: string;
                    /** @description IANA time zone, e.g. Europe/Berlin */
                    time_zone: string;
                };
            };
            enabled?: boolean;
            name?: string;
            /** @description Lower first */
            priority?: number;
        };
        UpdateBankBody: {
            bankd_instance_id?: number | null;
            name?: string;
            /** @description Creates slots 0..slot_count-1 */
            slot_count?: number;
            status?: "active" | "offline" | "disabled";
            tenant_id?: number;
            /** @description The bankd has cards IonMesh has no data for: its slots without a known card are assignable. Off (default): such a slot is `empty` until a card is imported or set */
            unknown_cards_present?: boolean;
        };
        UpdateBankdInstanceBody: {
            /** @description host:port handed to routers (no scheme, no IPv6 literal) */
            endpoint?: string;
            name?: string;
            remsim_server_id?: number | null;
            /** @description REST base URL of the remsim-server that maps this bankd (no port means 9997); added to the inventory when new */
            remsim_server_url?: string | null;
            status?: "active" | "disabled";
        };
        /** @description Success: change a group */
        UpdateGroupAnswer: {
            /** Format: date-time */
            created_at: string;
            filter: unknown;
            id: number;
            kind: string;
            /** @description Members listed (explicit groups) */
            listed: number;
            name: string;
            plan_id: number | null;
            priority: number;
            tenant_id: number;
            thresholds?: ({
                action: string;
                command_payload: unknown;
                command_type: string | null;
                enabled: boolean;
                id: number;
                percent: number;
            } & {
                [key: string]: unknown;
            })[];
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        UpdateGroupBody: {
            /** @description Every card of the tenant matching all given fields */
            filter?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id?: number;
                /** @description MCC+MNC, e.g. 310410 */
                mcc_mnc?: string;
                pool_id?: number;
                /** @description The slot status */
                state?: "available" | "assigned" | "faulty" | "disabled" | "empty" | "unserved";
                /** @description Letters, digits and ._:/- (64 at most) */
                tag?: string;
            };
            name?: string;
            /** @description The plan of its cards (a card’s own plan wins; then the group’s; then its carrier’s default) */
            plan_id?: number | null;
            /** @description Lower first when a card is in several groups */
            priority?: number;
            thresholds?: {
                /** @description event: usage.threshold_reached only; disable_and_move: the card is disabled and its client moved to a free card of the same carrier (it keeps its RSPRO identity); command: a command queued for the client (agents that heartbeat) */
                action: "event" | "disable_and_move" | "command";
                command_payload?: {
                    [key: string]: unknown;
                };
                command_type?: "restart" | "reregister" | "switch_slot" | "update_config";
                enabled?: boolean;
                /** @description Share of the allowance, e.g. 80 or 100 */
                percent: number;
            }[];
        };
        UpdateKiProxyPoolBody: {
            carrier?: string | null;
            enabled?: boolean;
            max_virtual_sims?: number;
            /** @description Bank slot, numbered from 0 */
            physical_slot_end?: number;
            /** @description Bank slot, numbered from 0 */
            physical_slot_start?: number;
            pool_name?: string;
            /** @description How the KI-proxy bankd spreads authentication over the physical cards */
            routing_mode?: "round-robin" | "least-used" | "random";
            virtual_segments?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                virtual_slot_end: number;
                /** @description Bank slot, numbered from 0 */
                virtual_slot_start: number;
            }[];
        };
        UpdatePlanBody: {
            /** @description Data per cycle in MB (10^6 bytes), received + sent; null: none */
            allowance_mb?: number | null;
            /** @description Every card of the carrier without a plan of its own is on this plan (one per carrier) */
            carrier_default?: boolean;
            /** @description Cost of a MB within the allowance (or of every MB without one) */
            cost_per_mb?: number;
            /** @description ISO 4217, e.g. EUR */
            currency?: string;
            /** @description Day of the month a cycle starts (UTC) */
            cycle_day?: number;
            /** @description The carrier the plan is for */
            mcc_mnc?: string | null;
            /** @description Fee per card and cycle */
            monthly_fee?: number;
            name?: string;
            /** @description Cost of a MB over the allowance */
            overage_cost_per_mb?: number;
            /** @description The whole list: one of the same percent and action is kept (it does not fire again this cycle) */
            thresholds?: {
                /** @description event: usage.threshold_reached only; disable_and_move: the card is disabled and its client moved to a free card of the same carrier (it keeps its RSPRO identity); command: a command queued for the client (agents that heartbeat) */
                action: "event" | "disable_and_move" | "command";
                command_payload?: {
                    [key: string]: unknown;
                };
                command_type?: "restart" | "reregister" | "switch_slot" | "update_config";
                enabled?: boolean;
                /** @description Share of the allowance, e.g. 80 or 100 */
                percent: number;
            }[];
        };
        UpdateRemsimServerBody: {
            enabled?: boolean;
            name?: string;
            /** @description REST base URL of the osmo-remsim-server, e.g. http://10.0.0.5:9997 (no port means 9997) */
            url?: string;
        };
        /** @description Success: change a rotation policy (a changed schedule owes none of its past occurrences) */
        UpdateRotationPolicyAnswer: {
            allow_other_carrier: boolean;
            /** Format: date-time */
            created_at: string;
            enabled: boolean;
            group_id: number | null;
            id: number;
            last_run_at: string | null;
            last_scheduled_at: string | null;
            max_days_on_card: number | null;
            max_per_run: number;
            name: string;
            schedule: string | null;
            tenant_id: number;
            timezone: string;
            /** Format: date-time */
            updated_at: string;
            usage_percent: number | null;
            validity_days: number | null;
            window: {
                /** @description ISO weekdays, 1 = Monday */
                days?: number[];
                /** @description HH:MM, local time */
                end: string;
                /** @description HH:MM, local time */
                start: string;
            } | null;
        } & {
            [key: string]: unknown;
        };
        UpdateRotationPolicyBody: {
            /** @description Move to another carrier when none of the same is free */
            allow_other_carrier?: boolean;
            enabled?: boolean;
            /** @description The group whose cards it rotates (among them); null: every card of the tenant */
            group_id?: number | null;
            /** @description Move after this many days on one card */
            max_days_on_card?: number | null;
            /** @description Rotations per pass (a minute) at most */
            max_per_run?: number;
            name?: string;
            /** @description Cron, five fields, in `timezone`: every client on its card since before an occurrence moves */
            schedule?: string | null;
            /** @description IANA time zone of the schedule and window */
            timezone?: string;
            /** @description Move off a card that used this share of its plan’s allowance this cycle */
            usage_percent?: number | null;
            /** @description Move off a card this many days before its last valid day */
            validity_days?: number | null;
            window?: {
                /** @description ISO weekdays, 1 = Monday */
                days?: number[];
                /** @description HH:MM, local time */
                end: string;
                /** @description HH:MM, local time */
                start: string;
            } | null;
        };
        /** @description Success: change, enable or disable an automation rule */
        UpdateRuleAnswer: {
            actions: unknown;
            conditions: unknown;
            cooldown_sec: number;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            enabled: boolean;
            id: number;
            last_run_at: string | null;
            max_per_hour: number;
            name: string;
            runs_last_hour: number;
            tenant_id: number;
            trigger: unknown;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        UpdateRuleBody: {
            actions?: {
                params?: {
                    add_tags?: string[];
                    command?: {
                        expires_in_sec?: number;
                        payload?: {
                            [key: string]: unknown;
                        };
                        type: "restart" | "reregister" | "switch_slot" | "update_config";
                    };
                    enforcing?: boolean;
                    from_group_id?: number;
                    group_id?: number;
                    job?: {
                        action: "disable_card" | "mark_faulty" | "enable_card" | "tag_card" | "move_to_group" | "bind_imei" | "reassign_client" | "unregister_client" | "queue_command" | "tag_client";
                        /** @description What the action takes (each action says which: GET /job-actions) */
                        params?: {
                            add_tags?: string[];
                            command?: {
                                expires_in_sec?: number;
                                payload?: {
                                    [key: string]: unknown;
                                };
                                type: "restart" | "reregister" | "switch_slot" | "update_config";
                            };
                            enforcing?: boolean;
                            from_group_id?: number;
                            group_id?: number;
                            /** @description MCC+MNC, e.g. 310410 */
                            mcc_mnc?: string;
                            reason?: string;
                            remove_tags?: string[];
                        };
                        /** @description One of: a group of the tenant, an ad-hoc filter of its cards, listed cards, listed clients, a client tag. A client action run for cards acts on the clients holding them; a card action run for clients, on the cards they hold. */
                        selector: {
                            cards?: {
                                /** @description SIM bank id (RSPRO 1..1023) */
                                bank_id: number;
                                /** @description Bank slot, numbered from 0 */
                                slot_id: number;
                            }[];
                            /** @description Letters, digits and ._:/- (64 at most) */
                            client_tag?: string;
                            clients?: string[];
                            /** @description Every card of the tenant matching all given fields */
                            filter?: {
                                /** @description SIM bank id (RSPRO 1..1023) */
                                bank_id?: number;
                                /** @description MCC+MNC, e.g. 310410 */
                                mcc_mnc?: string;
                                pool_id?: number;
                                /** @description The slot status */
                                state?: "available" | "assigned" | "faulty" | "disabled" | "empty" | "unserved";
                                /** @description Letters, digits and ._:/- (64 at most) */
                                tag?: string;
                            };
                            group_id?: number;
                        };
                    };
                    /** @description MCC+MNC, e.g. 310410 */
                    mcc_mnc?: string;
                    reason?: string;
                    remove_tags?: string[];
                };
                type: "disable_card" | "mark_faulty" | "enable_card" | "tag_card" | "move_to_group" | "bind_imei" | "reassign_client" | "unregister_client" | "queue_command" | "tag_client" | "notify" | "rotate_now" | "start_job";
            }[];
            /** @description All given must hold */
            conditions?: {
                /** @description CEL over `data` (the event’s payload), `event_type`, `tenant_id`, `value` (a measure), `object` */
                expression?: string;
                group_id?: number;
                /** @description MCC+MNC, e.g. 310410 */
                mcc_mnc?: string;
                pool_id?: number;
                /** @description Letters, digits and ._:/- (64 at most) */
                tag?: string;
                time_window?: {
                    days?: number[];
                    end: string;
                    start: string;
                    timezone?: string;
                };
            };
            /** @description Per object (default 3600) */
            cooldown_sec?: number;
            enabled?: boolean;
            /** @description Runs that act, per hour (default 60) */
            max_per_hour?: number;
            name?: string;
            trigger?: {
                /** @description A type of GET /event-types */
                event_type: string;
                /** @enum {string} */
                kind: "event";
            } | {
                /** @enum {string} */
                kind: "measure";
                /** @description usage_percent: a card’s share of its plan this cycle; offline_minutes: a client’s; signal_rssi: a client’s mean dBm over window_min; failure_count: a card’s failures over window_min; cost: a card’s cost this cycle on its plan */
                measure: "usage_percent" | "offline_minutes" | "signal_rssi" | "failure_count" | "cost";
                op: ">=" | "<=";
                value: number;
                /** @description signal_rssi: the mean over this window */
                window_min?: number;
            };
        };
        UpdateSlotBody: {
            card_type?: "REGULAR" | "KI_PROXY_MASTER" | "VIRTUAL";
            carrier?: string | null;
            health_status?: string;
            iccid?: string | null;
            imsi?: string | null;
            mcc_mnc?: string | null;
            reader_name?: string | null;
            status?: "available" | "faulty" | "disabled";
        };
        UpdateTenantBody: {
            /** @description Heartbeats and unregistrations of a keyless client only from the address it registered from (default true) */
            bind_client_source?: boolean;
            /** @description Networks allowed in cidr mode, e.g. 10.20.0.0/16 */
            enrollment_cidrs?: string[];
            /** @description Who may register keyless clients: open (anyone), cidr (from enrollment_cidrs), key (client API keys only; the default) */
            enrollment_mode?: "open" | "cidr" | "key";
            /** @description A client that registers again asking for another mapping mode or MCC/MNC than it holds is moved to a matching card (default false: it keeps its assignment and the mismatch is recorded) */
            move_on_config_mismatch?: boolean;
            name?: string;
        };
        UpdateWebhookBody: {
            enabled?: boolean;
            event_types?: ("client.registered" | "client.unregistered" | "client.reassigned" | "client.online" | "client.offline" | "client.health_changed" | "client.hardware_changed" | "client.config_mismatch" | "client.card_replaced" | "slot.status_changed" | "slot.unserved" | "slot.served" | "slot.health_changed" | "pool.capacity_warning" | "bank.online" | "bank.offline" | "remsim.mapping_conflict" | "remsim.mapping_invalid" | "remsim.mapping_stalled" | "remsim.server_unreachable" | "remsim.server_reachable" | "remsim.server_restarted" | "remsim.bankd_slot_flushed" | "command.queued" | "command.delivered" | "command.acknowledged" | "command.expired" | "usage.threshold_reached" | "card.locked" | "card.unlocked" | "card.imei_changed" | "api_key.revoked" | "webhook.disabled" | "rule.fired" | "client.rotated" | "bulk_job.created" | "bulk_job.finished" | "incident.opened" | "incident.escalated" | "incident.resolved" | "incident.acknowledged" | "prediction.connection_failure" | "api_key." | "bank." | "bulk_job." | "card." | "client." | "command." | "incident." | "pool." | "prediction." | "remsim." | "rule." | "slot." | "usage." | "webhook.")[];
            secret?: string;
            url?: string;
        };
        /** @description Success: upload a trained model (`ionmesh predict train --upload`) as the next version; active unless activate is false */
        UploadPredictionModelAnswer: {
            active: boolean;
            algorithm: string;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            features: string[];
            horizon_min: number;
            id: number;
            /** @description Measured on a test set it never saw: accuracy, precision, recall (per moment and per router), lead times */
            quality: {
                [key: string]: unknown;
            };
            threshold: number;
            training: {
                [key: string]: unknown;
            };
            version: number;
        } & {
            [key: string]: unknown;
        };
        UploadPredictionModelBody: {
            /** @description Make it the active model (default true) */
            activate?: boolean;
            model: {
                /** @enum {string} */
                algorithm: "gradient_boosting";
                classifier: {
                    base: number;
                    importance: number[];
                    objective: "binary" | "regression";
                    trees: {
                        f: number[];
                        l: number[];
                        r: number[];
                        t: number[];
                        v: number[];
                    }[];
                };
                features: string[];
                horizon_min: number;
                regressor: {
                    base: number;
                    importance: number[];
                    objective: "binary" | "regression";
                    trees: {
                        f: number[];
                        l: number[];
                        r: number[];
                        t: number[];
                        v: number[];
                    }[];
                } | null;
                threshold: number;
            };
            /** @description As measured on a test set the model never saw */
            quality: {
                [key: string]: unknown;
            };
            /** @description How it was trained (seeds, routers, hours) */
            training: {
                [key: string]: unknown;
            };
        };
        UpsertSimCardBody: {
            /** @description SIM bank id (RSPRO 1..1023) */
            bank_id: number;
            card_metadata?: {
                [key: string]: unknown;
            } | null;
            card_type?: "REGULAR" | "KI_PROXY_MASTER" | "VIRTUAL";
            carrier?: string | null;
            /** @description ICCID (E.118, Luhn checked) */
            iccid?: string;
            imsi?: string | null;
            ki_pool_name?: string | null;
            ki_pool_priority?: number | null;
            mcc_mnc?: string | null;
            metadata?: {
                [key: string]: unknown;
            } | null;
            /** @description ICCID (E.118, Luhn checked) */
            physical_iccid?: string;
            physical_imsi?: string | null;
            pool_priority?: number | null;
            /** @description Bank slot, numbered from 0 */
            slot_id?: number;
            /** @description The seeds’ name of slot_id */
            slot_number?: number;
            /** @description The tenant of the bank (checked: another tenant is refused) */
            tenant_id?: number;
        };
        /** @description A page of items, with total, limit and offset */
        UsageCycles: {
            /** @description A UTC day, YYYY-MM-DD */
            day: string;
            group_by: string;
            items: {
                allowance_bytes?: number | null;
                bank_id?: number;
                cards?: number;
                client_id?: string | null;
                cost: number | null;
                currency: string | null;
                /** @description a date as PostgreSQL writes it (YYYY-MM-DD) */
                cycle_end?: string;
                /** @description a date as PostgreSQL writes it (YYYY-MM-DD) */
                cycle_start?: string;
                discarded: number;
                group_id?: number;
                iccid?: string | null;
                plan_id?: number | null;
                plan_name?: string | null;
                resets: number;
                rx_bytes: number | null;
                samples: number;
                slot_id?: number;
                tenant_id: number;
                total_bytes: number | null;
                tpdu_errors: number | null;
                tpdus: number | null;
                tx_bytes: number | null;
                used_percent?: number | null;
            }[];
            limit: number;
            offset: number;
            total: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        UsageReport: {
            /** @description A UTC day, YYYY-MM-DD */
            from: string;
            group_by: string;
            items: {
                bank_id?: number;
                cards?: number;
                client_id?: string | null;
                clients?: number;
                /** @description a date as PostgreSQL writes it (YYYY-MM-DD) */
                day?: string;
                discarded: number;
                iccid?: string | null;
                resets: number;
                rx_bytes: number | null;
                samples: number;
                slot_id?: number;
                tenant_id: number;
                total_bytes: number | null;
                tpdu_errors: number | null;
                tpdus: number | null;
                tx_bytes: number | null;
            }[];
            limit: number;
            offset: number;
            /** @description A UTC day, YYYY-MM-DD */
            to: string;
            total: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A webhook */
        Webhook: {
            consecutive_failures: number;
            /** Format: date-time */
            created_at: string;
            disabled_reason: string | null;
            enabled: boolean;
            /** @description Catalogue types or prefixes ending in "." (none: every event) */
            event_types: string[];
            id: number;
            /** @description The last characters of the signing secret */
            secret_hint: string;
            tenant_id: number;
            /** Format: date-time */
            updated_at: string;
            url: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        WebhookDeliveriesPage: {
            items: components["schemas"]["WebhookDelivery"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description A delivery of an event to a webhook */
        WebhookDelivery: {
            attempts: number;
            /** Format: date-time */
            created_at: string;
            delivered_at: string | null;
            event_id: number;
            event_type: string;
            id: number;
            last_error: string | null;
            last_latency_ms: number | null;
            last_status_code: number | null;
            next_attempt_at: string | null;
            status: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        WebhooksPage: {
            items: components["schemas"]["Webhook"][];
            limit: number;
            offset: number;
            total: number;
        };
        /** @description Success: the key that asks: its id, name, prefix, role, tenant and what the role may do */
        WhoamiAnswer: {
            access: ("read" | "operate" | "manage" | "admin")[];
            key_id: number;
            name: string;
            prefix: string;
            role: string;
            tenant_id: number | null;
        };
        WorkItem: {
            attempt_log: {
                /** @description From 1 */
                attempt: number;
                /** @description The process that made it (pid-random) */
                claimed_by: string;
                /** @description What the attempt answered */
                detail: unknown;
                ended_at: string | null;
                error: string | null;
                outcome: "running" | "done" | "failed" | "retry" | "escalated" | "lost";
                /** Format: date-time */
                started_at: string;
            }[];
            attempts: number;
            claimed_by: string | null;
            /** Format: date-time */
            created_at: string;
            finished_at: string | null;
            id: number;
            key: string | null;
            kind: string;
            last_error: string | null;
            lease_until: string | null;
            max_attempts: number;
            /**
             * Format: date-time
             * @description When it may be claimed (pending), or when it was (claimed)
             */
            next_at: string;
            object: string;
            owner: string;
            payload: unknown;
            result: unknown;
            state: "pending" | "claimed" | "done" | "failed" | "escalated";
            tenant_id: number | null;
            /** Format: date-time */
            updated_at: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of items, with total, limit and offset */
        WorkItemsPage: {
            items: components["schemas"]["WorkItem"][];
            limit: number;
            offset: number;
            total: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listApiKeys: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeysPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyBody"];
            };
        };
        responses: {
            /** @description Success: create an API key with a role; the answer holds the key, shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created_at: string;
                        expires_at: string | null;
                        id: number;
                        last_used_at: string | null;
                        name: string;
                        /** @description The first 12 characters of the key, to recognise it */
                        prefix: string;
                        revoked_at: string | null;
                        role: string;
                        tenant_id: number | null;
                    } & {
                        key: string;
                    };
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Not available in this configuration */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: revoke an API key (at once, for every process); the last active admin key cannot be revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokeApiKeyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listAssignmentPolicies: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentPoliciesPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createAssignmentPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAssignmentPolicyBody"];
            };
        };
        responses: {
            /** @description An assignment policy: when its conditions match a registration, its action decides */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentPolicy"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getAssignmentPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An assignment policy: when its conditions match a registration, its action decides */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentPolicy"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteAssignmentPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updateAssignmentPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAssignmentPolicyBody"];
            };
        };
        responses: {
            /** @description An assignment policy: when its conditions match a registration, its action decides */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentPolicy"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listAuditActions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: the catalogue of audit actions, each with the domain event of the same change when there is one */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditActionsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listAuditLog: {
        parameters: {
            query?: {
                /** @description An audit action of the catalogue (GET /audit-actions) */
                action?: "database.backup" | "tenant.create" | "tenant.update" | "tenant.delete" | "bankd.create" | "bankd.update" | "bankd.delete" | "bank.create" | "bank.update" | "bank.delete" | "slot.update" | "slot.card_replaced" | "sims.import" | "sim_card.create" | "sim_card.update" | "sim_card.delete" | "ki_pool.create" | "ki_pool.update" | "ki_pool.delete" | "policy.create" | "policy.update" | "policy.delete" | "plan.create" | "plan.update" | "plan.delete" | "sim_card.usage_settings" | "usage.threshold_action" | "card.lock" | "card.unlock" | "imei.bind" | "imei.unbind" | "protection.update" | "group.create" | "group.update" | "group.delete" | "group.members" | "tags.update" | "rule.create" | "rule.update" | "rule.delete" | "rotation_policy.create" | "rotation_policy.update" | "rotation_policy.delete" | "client.rotate" | "bulk_job.create" | "bulk_job.cancel" | "bulk_job.item" | "webhook.create" | "webhook.update" | "webhook.delete" | "webhook.redeliver" | "remsim_server.create" | "remsim_server.update" | "remsim_server.delete" | "remsim_server.reconcile" | "api_key.create" | "api_key.revoke" | "command.queue" | "client.register" | "client.unregister" | "client.reassign" | "client.heartbeat_refused" | "client.unregister_refused" | "client.ack_refused" | "client.new_slot_refused" | "incident.acknowledge" | "incident.resolve" | "healing.update" | "prediction_model.create" | "prediction_model.activate";
                entity_id?: string;
                /** @description Comma-separated entity ids (at most 50): the trail of several objects in one page, e.g. every profile of a client */
                entity_ids?: string;
                entity_type?: string;
                limit?: number;
                offset?: number;
                /** @description RFC 3339 date-time, e.g. 2026-11-26T12:00:00Z (years 0001–9999) */
                since?: string;
                tenant_id?: number;
                /** @description RFC 3339 date-time, e.g. 2026-11-26T12:00:00Z (years 0001–9999) */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    whoami: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: the key that asks: its id, name, prefix, role, tenant and what the role may do */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WhoamiAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getBackup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The backup: a gzipped tar of the data directory */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": string;
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listBankdInstances: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankdInstancesPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createBankdInstance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBankdInstanceBody"];
            };
        };
        responses: {
            /** @description An osmo-remsim-bankd instance and the remsim-server it connects to */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankdInstance"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getBankdInstance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An osmo-remsim-bankd instance and the remsim-server it connects to */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankdInstance"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteBankdInstance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updateBankdInstance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBankdInstanceBody"];
            };
        };
        responses: {
            /** @description An osmo-remsim-bankd instance and the remsim-server it connects to */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankdInstance"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listBanks: {
        parameters: {
            query?: {
                bankd_instance_id?: number;
                limit?: number;
                offset?: number;
                status?: "active" | "offline" | "disabled";
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BanksPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createBank: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBankBody"];
            };
        };
        responses: {
            /** @description A SIM bank with the counts of its slots */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bank"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getBank: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A SIM bank with the counts of its slots */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bank"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteBank: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updateBank: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBankBody"];
            };
        };
        responses: {
            /** @description A SIM bank with the counts of its slots */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bank"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getSlot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A slot with its card and health log */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Slot"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updateSlot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSlotBody"];
            };
        };
        responses: {
            /** @description A slot of a bank with its card */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlotListItem"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listCardLocks: {
        parameters: {
            query?: {
                /** @description Also the locks lifted */
                all?: boolean;
                kind?: "auto_lock" | "imei" | "usage" | "validity";
                limit?: number;
                offset?: number;
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CardLocksPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    unlockCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: put a locked card back in service (faulty or disabled → available) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnlockCardAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getCardTags: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a card’s tags */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CardTags"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    putCardTags: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutCardTagsBody"];
            };
        };
        responses: {
            /** @description Success: set a card’s tags */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutCardTagsAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listCarriers: {
        parameters: {
            query?: {
                country_code?: string;
                limit?: number;
                mcc?: string;
                offset?: number;
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CarriersPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getCarrier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description MCC+MNC, e.g. 310410 */
                mcc_mnc: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: one carrier */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Carrier"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getClientTags: {
        parameters: {
            query?: {
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a client’s tags */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientTags"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    putClientTags: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutClientTagsBody"];
            };
        };
        responses: {
            /** @description Success: set a client’s tags (of a tenant: a client id may be in several) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutClientTagsAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listClients: {
        parameters: {
            query?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id?: number;
                /** @description carrier name or MCC+MNC of the card */
                carrier?: string;
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id?: string;
                limit?: number;
                /** @description Mapping mode */
                mapping_mode?: "ONE_TO_ONE_SWSIM" | "ONE_TO_ONE_VSIM" | "KI_PROXY_SWSIM";
                offset?: number;
                order?: "asc" | "desc";
                profile_status?: "ACTIVE" | "DEACTIVATED";
                /** @description part of the client id, ICCID or IMSI */
                q?: string;
                sort?: "client_id" | "tenant_id" | "liveness" | "last_heartbeat" | "created_at" | "bank" | "mapping_mode";
                /** @description liveness */
                status?: "online" | "offline" | "unknown";
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getClient: {
        parameters: {
            query?: {
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client’s profile, history and health log */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Client"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    unregisterClient: {
        parameters: {
            query?: {
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done: status success and a message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientUnregisterAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listClientCommands: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                status?: "pending" | "delivered" | "acknowledged" | "failed" | "expired";
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientCommandsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    queueClientCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueClientCommandBody"];
            };
        };
        responses: {
            /** @description Success: queue a command for a client that heartbeats (delivered in its next heartbeat answer) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueClientCommandAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    reassignClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id: string;
            };
            cookie?: never;
        };
        /** @description bank_id + slot_id: that slot; bank_id alone: the first free slot of that bank; neither: the first free slot of the same carrier (or mcc_mnc) */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReassignClientBody"];
            };
        };
        responses: {
            /** @description Success: move a client to another slot; the router keeps its RSPRO identity, the remsim-server mapping follows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReassignClientAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Temporarily unavailable (pool full, database busy): retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getClientStats: {
        parameters: {
            query?: {
                /** @description Most buckets to return */
                points?: number;
                /** @description Window ending now: 1h and 24h from raw samples, 7d and 30d from 5-minute rollups */
                range?: "1h" | "24h" | "7d" | "30d";
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a client’s signal and counters over time (averaged per bucket; counters as last seen) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientStats"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: the catalogue of event types: what the stream, the event list and webhooks can filter by */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventTypesPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                after_id?: number;
                /** @description Comma-separated client ids (at most 200): their events, and with type client.heartbeat their live heartbeats */
                client_id?: string;
                /** @description Comma-separated client ids (at most 200) whose live heartbeats the stream also sends (no id, not replayed) */
                heartbeats_of?: string;
                limit?: number;
                /** @description JSON page: the latest events, newest first (ignores after_id) */
                newest?: boolean;
                tenant_id?: number;
                /** @description Comma-separated types; a name ending in "." is a prefix (client.) */
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: domain events: a page after after_id, or a live SSE stream (Accept: text/event-stream; resumes after Last-Event-ID) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    exportClients: {
        parameters: {
            query?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id?: number;
                /** @description carrier name or MCC+MNC of the card */
                carrier?: string;
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id?: string;
                format?: "csv" | "json";
                /** @description Mapping mode */
                mapping_mode?: "ONE_TO_ONE_SWSIM" | "ONE_TO_ONE_VSIM" | "KI_PROXY_SWSIM";
                order?: "asc" | "desc";
                profile_status?: "ACTIVE" | "DEACTIVATED";
                /** @description part of the client id, ICCID or IMSI */
                q?: string;
                sort?: "client_id" | "tenant_id" | "liveness" | "last_heartbeat" | "created_at" | "bank" | "mapping_mode";
                /** @description liveness */
                status?: "online" | "offline" | "unknown";
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: every client of the filter, as CSV or JSON (a download, streamed) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    exportUsage: {
        parameters: {
            query?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id?: number;
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id?: string;
                /** @description One row per card, or summed per client (the card’s last), tenant or group (a card in several groups counts in each), per currency */
                cycle_group_by?: "card" | "client" | "tenant" | "group";
                /** @description A day of the cycles wanted (default: today): each card’s own cycle */
                day?: string;
                format?: "csv" | "json";
                /** @description First UTC day (default: 31 days before to) */
                from?: string;
                /** @description One row per card (bank slot or KI virtual slot), client, tenant or UTC day */
                group_by?: "card" | "client" | "tenant" | "day";
                kind?: "report" | "cycles";
                /** @description Tenant id */
                tenant_id?: number;
                /** @description Last UTC day, included (default: today) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: every row of a usage report (kind=report) or cycle report (kind=cycles), as CSV or JSON (a download) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getFleetOverview: {
        parameters: {
            query?: {
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The fleet at a glance */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FleetOverview"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listGroups: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGroupBody"];
            };
        };
        responses: {
            /** @description Success: create a group: explicit (members) or a saved filter */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateGroupAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a group with its thresholds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updateGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateGroupBody"];
            };
        };
        responses: {
            /** @description Success: change a group */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpdateGroupAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listGroupMembers: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupMembersPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    changeGroupMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeGroupMembersBody"];
            };
        };
        responses: {
            /** @description Success: add and remove cards of an explicit group (audited with the cards) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeGroupMembersAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listImeiBindings: {
        parameters: {
            query?: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id?: string;
                limit?: number;
                offset?: number;
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImeiBindingsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createImeiBinding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateImeiBindingBody"];
            };
        };
        responses: {
            /** @description Success: bind a card (bank_id + slot_id) or a client (client_id) to an IMEI (replaces its binding) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateImeiBindingAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteImeiBinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    bindCurrentImeis: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BindCurrentImeisBody"];
            };
        };
        responses: {
            /** @description Success: “Lock what you see”: bind every active card of the tenant (or one bank) to the IMEI it is used with now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BindCurrentImeisAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listIncidents: {
        parameters: {
            query?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id?: number;
                /** @description Only this cause */
                cause?: "card_failure" | "bankd_loss" | "client_request" | "silent_router" | "remsim_drift";
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id?: string;
                limit?: number;
                offset?: number;
                /** @description Only this severity */
                severity?: "info" | "warning" | "critical";
                /** @description Only this state (open: every state but resolved) */
                state?: "detected" | "diagnosing" | "healing" | "resolved" | "escalated" | "open";
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: an incident with every attempt */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    acknowledgeIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: acknowledge an incident (a person has seen it; healing goes on) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcknowledgeIncidentAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    resolveIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolveIncidentBody"];
            };
        };
        responses: {
            /** @description Success: resolve an incident by hand (self-healing stops working on it) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResolveIncidentAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listJobActions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: the actions a bulk job can run, with what they act on and the access they need */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobActionsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listJobs: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                state?: "running" | "done" | "cancelled";
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createJob: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateJobBody"];
            };
        };
        responses: {
            /** @description Success: run an action for every object a selector names: dry_run counts them first; the job runs in batches in the background (each action needs its own access, GET /job-actions) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateJobAnswer200"];
                };
            };
            /** @description Success: run an action for every object a selector names: dry_run counts them first; the job runs in batches in the background (each action needs its own access, GET /job-actions) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateJobAnswer201"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a bulk job and how far it is */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    cancelJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: cancel a running bulk job: its pending items are cancelled, those under way finish */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancelJobAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listJobItems: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                state?: "pending" | "running" | "done" | "skipped" | "failed" | "cancelled";
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobItemsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listKiProxyPools: {
        parameters: {
            query?: {
                enabled?: boolean;
                limit?: number;
                /** @description MCC+MNC, e.g. 310410 */
                mcc_mnc?: string;
                offset?: number;
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiProxyPoolsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createKiProxyPool: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateKiProxyPoolBody"];
            };
        };
        responses: {
            /** @description A KI proxy pool with its KI cards */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiProxyPool"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getKiProxyPool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A KI proxy pool with its KI cards */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiProxyPool"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteKiProxyPool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updateKiProxyPool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateKiProxyPoolBody"];
            };
        };
        responses: {
            /** @description A KI proxy pool with its capacity and use */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiProxyPoolListItem"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getKiProxyPoolBankdConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: osmo-remsim-bankd arguments matching the pool, one line per segment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiProxyPoolBankdConfig"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listPlans: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlansPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createPlan: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePlanBody"];
            };
        };
        responses: {
            /** @description A carrier plan: allowance per cycle, cycle start day, costs, and usage thresholds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A carrier plan: allowance per cycle, cycle start day, costs, and usage thresholds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deletePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updatePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePlanBody"];
            };
        };
        responses: {
            /** @description A carrier plan: allowance per cycle, cycle start day, costs, and usage thresholds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listPredictionModels: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PredictionModelsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    uploadPredictionModel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UploadPredictionModelBody"];
            };
        };
        responses: {
            /** @description Success: upload a trained model (`ionmesh predict train --upload`) as the next version; active unless activate is false */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadPredictionModelAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getPredictionModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a fault prediction model (by version) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PredictionModel"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    activatePredictionModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: make a model the active one (the prediction job uses it from its next pass) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivatePredictionModelAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listPredictions: {
        parameters: {
            query?: {
                /** @description Only clients a failure is predicted for */
                at_risk?: boolean;
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id?: string;
                limit?: number;
                offset?: number;
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PredictionsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listRemsimServers: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RemsimServersPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createRemsimServer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRemsimServerBody"];
            };
        };
        responses: {
            /** @description A remsim-server and what the reconciler last found */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RemsimServer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getRemsimServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A remsim-server and what the reconciler last found */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RemsimServer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteRemsimServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updateRemsimServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRemsimServerBody"];
            };
        };
        responses: {
            /** @description A remsim-server and what the reconciler last found */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RemsimServer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    reconcileRemsimServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The outcome of the pass, with its figures */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconcileRemsimServerAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    acknowledgeCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcknowledgeCommandBody"];
            };
        };
        responses: {
            /** @description Success: acknowledge a command (also possible with acks in a heartbeat) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcknowledgeCommandAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    discover: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: service discovery for the router status page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DiscoverAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    heartbeat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HeartbeatBody"];
            };
        };
        responses: {
            /** @description Success: report liveness and stats */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeartbeatAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    registerClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Unknown extra keys are ignored; known keys of the wrong type are refused; null is the same as absent. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterClientBody"];
            };
        };
        responses: {
            /** @description Success: register a client and get its SIM assignment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterClientAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Not available in this configuration */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Temporarily unavailable (pool full, database busy): retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    requestDifferentBankd: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestDifferentBankdBody"];
            };
        };
        responses: {
            /** @description Success: my bankd is unreachable: move me to a card on a bank another bankd serves; my RSPRO identity stays */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestDifferentBankdAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Temporarily unavailable (pool full, database busy): retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    requestNewSlot: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestDifferentBankdBody"];
            };
        };
        responses: {
            /** @description Success: my SIM failed: move me to another card of my carrier (the card is marked faulty); my RSPRO identity stays */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestNewSlotAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Temporarily unavailable (pool full, database busy): retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    clientUnregister: {
        parameters: {
            query?: {
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done: status success and a message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientUnregisterAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listRotationPolicies: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotationPoliciesPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createRotationPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRotationPolicyBody"];
            };
        };
        responses: {
            /** @description Success: create a rotation policy for a tenant or one of its groups */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateRotationPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getRotationPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a rotation policy */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotationPolicy"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteRotationPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updateRotationPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRotationPolicyBody"];
            };
        };
        responses: {
            /** @description Success: change a rotation policy (a changed schedule owes none of its past occurrences) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpdateRotationPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    previewRotation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: which clients the policy would rotate now, and why (nothing moves) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewRotationAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    runRotation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: rotate now: the policy’s due clients, outside its window too (409 while a pass holds it) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRotationAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listRotations: {
        parameters: {
            query?: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id?: string;
                limit?: number;
                offset?: number;
                policy_id?: number;
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotationsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listRuleActions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: what a rule can do, on what, and the access a key needs to give a rule that action */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleActionsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listRules: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RulesPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRuleBody"];
            };
        };
        responses: {
            /** @description Success: create an automation rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateRuleAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: an automation rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rule"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updateRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRuleBody"];
            };
        };
        responses: {
            /** @description Success: change, enable or disable an automation rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpdateRuleAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    dryRunSavedRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: what a saved rule would do now (nothing is done) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DryRunSavedRuleAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listRuleRuns: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleRunsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    dryRunRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRuleBody"];
            };
        };
        responses: {
            /** @description Success: what a rule as given would do now: the objects it matches and its actions (nothing is saved or done) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DryRunRuleAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listSimCards: {
        parameters: {
            query?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id?: number;
                card_type?: "REGULAR" | "KI_PROXY_MASTER" | "VIRTUAL";
                carrier?: string;
                ki_pool_name?: string;
                limit?: number;
                offset?: number;
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimCardsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    upsertSimCard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpsertSimCardBody"];
            };
        };
        responses: {
            /** @description A SIM card in a slot of a bank */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimCard"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getSimCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A SIM card in a slot of a bank */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimCard"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    putSimCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutSimCardBody"];
            };
        };
        responses: {
            /** @description A SIM card in a slot of a bank */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimCard"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteSimCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    importSims: {
        parameters: {
            query?: {
                /** @description Replace the card of a slot a router holds (refused line by line otherwise); each is audited with before and after, and its client gets a client.card_replaced event */
                replace_cards_in_use?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
                "text/plain": string;
            };
        };
        responses: {
            /** @description Success: import SIM inventory from CSV (bankd slot file or header-named); all or nothing */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportSimsAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The body is not of a type this route takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The content is well-formed but breaks a rule of the domain */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listSlots: {
        parameters: {
            query?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id?: number;
                carrier?: string;
                limit?: number;
                /** @description MCC+MNC, e.g. 310410 */
                mcc_mnc?: string;
                offset?: number;
                status?: "available" | "assigned" | "faulty" | "disabled";
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlotsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getFleetStats: {
        parameters: {
            query?: {
                /** @description Most buckets to return */
                points?: number;
                /** @description Window ending now: 1h and 24h from raw samples, 7d and 30d from 5-minute rollups */
                range?: "1h" | "24h" | "7d" | "30d";
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: fleet aggregates per 5-minute bucket or coarser: clients reporting and average signal */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FleetStats"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getStatsStorage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: rows and bytes of the stats tables, and the rollup watermark */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatsStorage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listTenants: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenantBody"];
            };
        };
        responses: {
            /** @description A tenant and who may enroll its routers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A tenant and who may enroll its routers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAssignmentPolicyAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantBody"];
            };
        };
        responses: {
            /** @description A tenant and who may enroll its routers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getHealingPlaybooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a tenant’s self-healing playbooks (defaults where it changed none) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealingPlaybooks"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    putHealingPlaybooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutHealingPlaybooksBody"];
            };
        };
        responses: {
            /** @description Success: change a tenant’s self-healing playbooks (fields not given stay) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutHealingPlaybooksAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getProtection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a tenant’s card protection settings (defaults where it set none) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Protection"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    putProtection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutProtectionBody"];
            };
        };
        responses: {
            /** @description Success: change a tenant’s card protection settings (fields not given stay) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutProtectionAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getUsageReport: {
        parameters: {
            query?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id?: number;
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id?: string;
                /** @description First UTC day (default: 31 days before to) */
                from?: string;
                /** @description One row per card (bank slot or KI virtual slot), client, tenant or UTC day */
                group_by?: "card" | "client" | "tenant" | "day";
                limit?: number;
                offset?: number;
                /** @description Tenant id */
                tenant_id?: number;
                /** @description Last UTC day, included (default: today) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReport"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getCardUsage: {
        parameters: {
            query?: {
                /** @description First UTC day (default: 31 days before to) */
                from?: string;
                /** @description Last UTC day, included (default: today) */
                to?: string;
            };
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a card’s usage: its plan and current cycle, its days (default: this cycle) and last cycles */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CardUsage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getCardUsageSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a card’s own plan, validity end and thresholds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CardUsageSettings"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    putCardUsageSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id: number;
                /** @description Bank slot, numbered from 0 */
                slot_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutCardUsageSettingsBody"];
            };
        };
        responses: {
            /** @description Success: set a card’s own plan, validity end or thresholds (fields not given stay) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutCardUsageSettingsAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getClientUsage: {
        parameters: {
            query?: {
                /** @description First UTC day (default: 31 days before to) */
                from?: string;
                /** @description Tenant id */
                tenant_id?: number;
                /** @description Last UTC day, included (default: today) */
                to?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The router client id, normally <hostname>-slot<N>
                 * @example router1-slot0
                 */
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: a client’s usage per day and card, and its card’s current cycle (not_reported: it never sent counters) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientUsage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getUsageCycles: {
        parameters: {
            query?: {
                /** @description SIM bank id (RSPRO 1..1023) */
                bank_id?: number;
                /** @description One row per card, or summed per client (the card’s last), tenant or group (a card in several groups counts in each), per currency */
                cycle_group_by?: "card" | "client" | "tenant" | "group";
                /** @description A day of the cycles wanted (default: today): each card’s own cycle */
                day?: string;
                limit?: number;
                offset?: number;
                /** @description Tenant id */
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageCycles"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhooksPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookBody"];
            };
        };
        responses: {
            /** @description Success: create a webhook (the answer shows its secret once) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateWebhookAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A webhook */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: delete a webhook */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteWebhookAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookBody"];
            };
        };
        responses: {
            /** @description A webhook */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                status?: "pending" | "delivering" | "succeeded" | "dead";
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveriesPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    redeliverWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                delivery_id: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: send a delivery again now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedeliverWebhookDeliveryAnswer"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The object does not exist, or belongs to another tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The request conflicts with the current state (the code says which rule) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    listWorkItems: {
        parameters: {
            query?: {
                /** @description e.g. usage.threshold_action */
                kind?: string;
                limit?: number;
                /** @description What the work is done to: card:<bank>/<slot>, client:<id>, server:<id>, job:<id>/<seq> … */
                object?: string;
                offset?: number;
                /** @description The module the work belongs to */
                owner?: string;
                state?: "pending" | "claimed" | "done" | "failed" | "escalated";
                tenant_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of items, with total, limit and offset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkItemsPage"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description No valid API key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The key's role lacks the access this route declares (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests: retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: the process is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: prometheus metrics (text exposition format) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success: the database answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description The request is invalid (VALIDATION_ERROR and similar): nothing was changed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Temporarily unavailable (pool full, database busy): retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
}
