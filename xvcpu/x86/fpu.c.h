/* Keeping the guest's extended state (FPU/SSE/AVX ...) apart from everyone else's: an area from
 * the HAL, saved at unbind and restored at bind (see the contract in x86.h). */

static xvcpu_err xvcpu__fpu_setup(xvcpu_vcpu *vcpu)
{
    xvcpu_x86_state *x86 = &vcpu->x86;
    uint32_t r[4], size = 512;
    uint8_t *area;
    x86->use_xsave = x86->xcr0_allowed != XVCPU_XCR0_X87;
    if (x86->use_xsave) {
        XVCPU_CPUID(0xD, 0, r);
        size = r[2] > 576 ? r[2] : 576; /* ECX: the largest area any XCR0 needs */
    }
    x86->xsave_pages = (size + 4095) / 4096;
    area = (uint8_t *)xvcpu__alloc_zeroed(vcpu->hal, x86->xsave_pages, &x86->xsave_area_phys);
    if (area == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "xvcpu_vcpu_setup: vCPU %u: no pages for the extended-state area", vcpu->id);
    /* the power-on x87 control word and MXCSR (SDM Vol. 1 Table 13-1 offsets 0 and 24) */
    area[0] = 0x7F;
    area[1] = 0x03;
    area[24] = 0x80;
    area[25] = 0x1F;
    x86->xsave_area = area;
    return XVCPU_OK;
}

static void xvcpu__fpu_free(xvcpu_vcpu *vcpu)
{
    xvcpu__free(vcpu->hal, &vcpu->x86.xsave_area, vcpu->x86.xsave_area_phys, vcpu->x86.xsave_pages);
}

static void xvcpu__fpu_load_guest(xvcpu_vcpu *vcpu)
{
    if (vcpu->x86.use_xsave)
        XVCPU_XRSTOR(vcpu->x86.xsave_area, vcpu->x86.xcr0_allowed);
    else
        XVCPU_FXRSTOR(vcpu->x86.xsave_area);
}

/* Save the guest's registers, then leave none of its data in them. */
static void xvcpu__fpu_save_guest(xvcpu_vcpu *vcpu)
{
    /* FCW 0x037F at offset 0, MXCSR 0x1F80 at 24, XSTATE_BV 0 at 512: the initial state */
    static const uint8_t init_area[576] __attribute__((__aligned__(64))) = {
        0x7F, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x1F
    };
    if (vcpu->x86.use_xsave) {
        XVCPU_XSAVE(vcpu->x86.xsave_area, vcpu->x86.xcr0_allowed);
        XVCPU_XRSTOR(init_area, vcpu->x86.xcr0_allowed); /* XSTATE_BV = 0: every component to init */
    } else {
        XVCPU_FXSAVE(vcpu->x86.xsave_area);
        XVCPU_FXRSTOR(init_area);
    }
}

/* What every x86 backend does last at bind and first at unbind: the host's XCR0 (it cannot
 * change while bound), the guest's FPU/SSE/AVX registers and the MSRs the guest owns while bound
 * (x86/msrs.c.h). */
static void xvcpu__x86_bind_state(xvcpu_vcpu *vcpu)
{
    if (vcpu->x86.xcr0_allowed != XVCPU_XCR0_X87)
        vcpu->x86.host_xcr0 = XVCPU_XGETBV(0);
    xvcpu__x86_set_xcr0(vcpu, vcpu->x86.xcr0);
    xvcpu__fpu_load_guest(vcpu);
    xvcpu__x86_bind_msrs(vcpu, true);
}

static void xvcpu__x86_unbind_state(xvcpu_vcpu *vcpu)
{
    xvcpu__x86_bind_msrs(vcpu, false);
    xvcpu__fpu_save_guest(vcpu);
}
