/* Fetching the guest's current instruction: CS:RIP through the guest's paging and the stage-2
 * tables to host memory, then the decoder. Serves MMIO emulation (both backends) and the SVM
 * backend's next-RIP on CPUs without NRIP-save. */

/* How a fetch ended. */
typedef enum xvcpu__fetch_result {
    XVCPU__FETCH_OK = 0,  /* the instruction is decoded (OK or UNSUPPORTED: its length is known) */
    XVCPU__FETCH_RAISED,  /* the guest gets an exception (#PF, #GP, #UD), already queued: enter again
                             without advancing RIP */
    XVCPU__FETCH_FAILED   /* the guest executes from memory that is not RAM; vcpu->error says where */
} xvcpu__fetch_result;

/* The length of the instruction at the guest's CS:RIP (for CPUs that do not report it). */
static __attribute__((unused)) xvcpu__fetch_result xvcpu__x86_insn_length(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode,
                                                  const struct xvcpu_stage2 *s2, unsigned *len)
{
    (void)mode;
    (void)s2;
    *len = 0;
    (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                      "vCPU %u: instruction fetch is not implemented yet", vcpu->id);
    return XVCPU__FETCH_FAILED;
}
