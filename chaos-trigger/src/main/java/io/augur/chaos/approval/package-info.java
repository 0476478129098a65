/**
 * Human approvals of chaos experiments, kept in a durable directory queue. The planner (or whoever
 * finds a plan that needs a person) {@link io.augur.chaos.approval.ApprovalQueue#submit submits} it
 * to {@code pending/<planId>.yaml}; {@code augur chaos approve ID --as NAME} re-runs every safety
 * gate with fresh health and, for a name on the configured {@link
 * io.augur.chaos.approval.Approvers} list, moves it to {@code approved/<planId>.yaml} with the
 * approver, the time and the expiry. The queue is the engine's {@link
 * io.augur.chaos.exec.Approvals}: an approval counts only while it has not expired and its approver
 * is still on the list. Every file is written to a temporary file, forced to disk and renamed into
 * place, so a crash leaves either the old file or the new one.
 */
package io.augur.chaos.approval;
