package schemas

// Policy is the schema of an organisation policy document, version 1 (see
// package engine/policy).
const Policy = "policy.schema.json"
