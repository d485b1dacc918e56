/* Names for enums, for messages and logs. */

XVCPU_DEF const char *xvcpu_strerror(xvcpu_err err)
{
    switch (err) {
    case XVCPU_OK: return "ok";
    case XVCPU_ERR_INVALID_ARG: return "invalid argument";
    case XVCPU_ERR_BAD_STATE: return "bad state";
    case XVCPU_ERR_UNSUPPORTED: return "unsupported by this CPU";
    case XVCPU_ERR_DISABLED_BY_FIRMWARE: return "disabled by firmware";
    case XVCPU_ERR_BUSY: return "busy";
    case XVCPU_ERR_NO_MEMORY: return "out of memory";
    case XVCPU_ERR_VM_INSTRUCTION: return "VM instruction failed";
    case XVCPU_ERR_VM_ENTRY: return "VM entry failed";
    case XVCPU_ERR_ALREADY_MAPPED: return "already mapped";
    case XVCPU_ERR_NOT_MAPPED: return "not mapped";
    case XVCPU_ERR_INTERNAL: return "internal fault";
    case XVCPU_ERR_COUNT: break;
    }
    return "unknown error";
}

XVCPU_DEF const char *xvcpu_state_name(xvcpu_state state)
{
    switch (state) {
    case XVCPU_STATE_INVALID: return "Invalid";
    case XVCPU_STATE_CREATED: return "Created";
    case XVCPU_STATE_FREE: return "Free";
    case XVCPU_STATE_READY: return "Ready";
    case XVCPU_STATE_RUNNING: return "Running";
    case XVCPU_STATE_BLOCKED: return "Blocked";
    }
    return "(bad state value)";
}

XVCPU_DEF const char *xvcpu_exit_kind_name(xvcpu_exit_kind kind)
{
    switch (kind) {
    case XVCPU_EXIT_NOTHING: return "NOTHING";
    case XVCPU_EXIT_HYPERCALL: return "HYPERCALL";
    case XVCPU_EXIT_MMIO_READ: return "MMIO_READ";
    case XVCPU_EXIT_MMIO_WRITE: return "MMIO_WRITE";
    case XVCPU_EXIT_SYSREG_READ: return "SYSREG_READ";
    case XVCPU_EXIT_SYSREG_WRITE: return "SYSREG_WRITE";
    case XVCPU_EXIT_IO_READ: return "IO_READ";
    case XVCPU_EXIT_IO_WRITE: return "IO_WRITE";
    case XVCPU_EXIT_EXTERNAL_INTERRUPT: return "EXTERNAL_INTERRUPT";
    case XVCPU_EXIT_NESTED_PAGE_FAULT: return "NESTED_PAGE_FAULT";
    case XVCPU_EXIT_HALT: return "HALT";
    case XVCPU_EXIT_CPU_UP: return "CPU_UP";
    case XVCPU_EXIT_CPU_DOWN: return "CPU_DOWN";
    case XVCPU_EXIT_SYSTEM_DOWN: return "SYSTEM_DOWN";
    case XVCPU_EXIT_FAIL_ENTRY: return "FAIL_ENTRY";
    case XVCPU_EXIT_SEND_IPI: return "SEND_IPI";
    case XVCPU_EXIT_UNHANDLED: return "UNHANDLED";
    case XVCPU_EXIT_MMIO_UNSUPPORTED: return "MMIO_UNSUPPORTED";
    case XVCPU_EXIT_TASK_SWITCH: return "TASK_SWITCH";
    case XVCPU_EXIT_KIND_COUNT: break;
    }
    return "(bad exit kind)";
}
