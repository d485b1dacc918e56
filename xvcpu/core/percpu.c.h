/* Per-CPU state: init, enable, disable. The hardware work is the backend's. */

#define XVCPU__PERCPU_MAGIC 0x78706370u /* "xpcp" */

static bool xvcpu__percpu_ok(const xvcpu_percpu *cpu)
{
    return cpu != NULL && cpu->magic == XVCPU__PERCPU_MAGIC;
}

static bool xvcpu__hal_ok(const xvcpu_hal *hal)
{
    return hal != NULL && hal->alloc_pages != NULL && hal->free_pages != NULL &&
           hal->phys_to_virt != NULL && hal->virt_to_phys != NULL;
}

/* The built-in backend for this CPU: VMX when CPUID.1:ECX.VMX is set, SVM when CPUID
 * Fn8000_0001 ECX.SVM is (AMD APM Vol. 2 15.4). */
static const xvcpu_backend *xvcpu__detect_backend(xvcpu_percpu *cpu)
{
    uint32_t r[4];
#if defined(__aarch64__)
    (void)r;
    return xvcpu_arm64_backend(); /* it checks for EL2 itself */
#endif
    XVCPU_CPUID(1, 0, r);
    if (r[2] & XVCPU_CPUID_01_ECX_VMX)
        return xvcpu_vmx_backend();
    XVCPU_CPUID(0x80000000u, 0, r);
    if (r[0] >= 0x80000001u) {
        XVCPU_CPUID(0x80000001u, 0, r);
        if (r[2] & XVCPU_CPUID_80000001_ECX_SVM)
            return xvcpu_svm_backend();
    }
    (void)xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                      "xvcpu_percpu_enable: CPU %u has no hardware virtualization xvcpu supports (VMX or SVM)",
                      cpu->cpu_id);
    return NULL;
}

XVCPU_DEF xvcpu_err xvcpu_percpu_init(xvcpu_percpu *cpu, const xvcpu_hal *hal, uint32_t cpu_id,
                                      const xvcpu_backend *backend)
{
    if (cpu == NULL)
        return XVCPU_ERR_INVALID_ARG;
    if (cpu->magic == XVCPU__PERCPU_MAGIC && cpu->enabled)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BUSY,
                           "xvcpu_percpu_init: CPU %u is enabled; disable it first", cpu->cpu_id);
    XVCPU_MEMSET(cpu, 0, sizeof(*cpu));
    cpu->cpu_id = cpu_id;
    if (!xvcpu__hal_ok(hal))
        return xvcpu__fail(NULL, cpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_percpu_init: the HAL needs alloc_pages, free_pages, phys_to_virt and virt_to_phys");
    cpu->hal = hal;
    cpu->backend = backend;
    cpu->magic = XVCPU__PERCPU_MAGIC;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_percpu_enable(xvcpu_percpu *cpu)
{
    xvcpu_err err;
    if (!xvcpu__percpu_ok(cpu))
        return XVCPU_ERR_INVALID_ARG;
    if (cpu->enabled)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BUSY,
                           "xvcpu_percpu_enable: CPU %u is already enabled", cpu->cpu_id);
    if (cpu->backend == NULL) {
        cpu->backend = xvcpu__detect_backend(cpu);
        if (cpu->backend == NULL)
            return XVCPU_ERR_UNSUPPORTED;
    }
    err = cpu->backend->percpu_enable(cpu);
    if (err == XVCPU_OK)
        cpu->enabled = true;
    return err;
}

XVCPU_DEF xvcpu_err xvcpu_percpu_disable(xvcpu_percpu *cpu)
{
    xvcpu_err err;
    if (!xvcpu__percpu_ok(cpu))
        return XVCPU_ERR_INVALID_ARG;
    if (!cpu->enabled)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_percpu_disable: CPU %u is not enabled", cpu->cpu_id);
    if (cpu->bound_vcpu != NULL)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BUSY,
                           "xvcpu_percpu_disable: CPU %u still has vCPU %u bound; unbind it first",
                           cpu->cpu_id, cpu->bound_vcpu->id);
    err = cpu->backend->percpu_disable(cpu);
    if (err == XVCPU_OK)
        cpu->enabled = false;
    return err;
}

XVCPU_DEF bool xvcpu_percpu_is_enabled(const xvcpu_percpu *cpu)
{
    return xvcpu__percpu_ok(cpu) && cpu->enabled;
}

XVCPU_DEF xvcpu_vcpu *xvcpu_percpu_current(const xvcpu_percpu *cpu)
{
    return xvcpu__percpu_ok(cpu) ? cpu->bound_vcpu : NULL;
}

XVCPU_DEF const char *xvcpu_percpu_last_error(const xvcpu_percpu *cpu)
{
    return cpu != NULL ? cpu->error : "(no per-CPU state)";
}
