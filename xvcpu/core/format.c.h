/* A tiny formatter for error texts: %s, %u, %x (unsigned int), %llu, %llx (unsigned long long)
 * and %%. Output is always NUL-terminated and truncated to `cap`. No libc needed. */

static void xvcpu__put(char *buf, size_t cap, size_t *len, char c)
{
    if (*len + 1 < cap)
        buf[*len] = c;
    (*len)++;
}

static void xvcpu__put_num(char *buf, size_t cap, size_t *len, unsigned long long v, unsigned base)
{
    char digits[24];
    int n = 0;
    do {
        unsigned d = (unsigned)(v % base);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v != 0);
    if (base == 16) {
        xvcpu__put(buf, cap, len, '0');
        xvcpu__put(buf, cap, len, 'x');
    }
    while (n > 0)
        xvcpu__put(buf, cap, len, digits[--n]);
}

static void xvcpu__vformat(char *buf, size_t cap, const char *fmt, __builtin_va_list ap)
{
    size_t len = 0;
    const char *p;
    if (cap == 0)
        return;
    for (p = fmt; *p != '\0'; p++) {
        if (*p != '%') {
            xvcpu__put(buf, cap, &len, *p);
            continue;
        }
        p++;
        if (*p == 's') {
            const char *s = __builtin_va_arg(ap, const char *);
            for (s = s ? s : "(null)"; *s != '\0'; s++)
                xvcpu__put(buf, cap, &len, *s);
        } else if (*p == 'u' || *p == 'x') {
            xvcpu__put_num(buf, cap, &len, __builtin_va_arg(ap, unsigned int), *p == 'u' ? 10 : 16);
        } else if (p[0] == 'l' && p[1] == 'l' && (p[2] == 'u' || p[2] == 'x')) {
            xvcpu__put_num(buf, cap, &len, __builtin_va_arg(ap, unsigned long long), p[2] == 'u' ? 10 : 16);
            p += 2;
        } else if (*p == '%') {
            xvcpu__put(buf, cap, &len, '%');
        } else {
            XVCPU_ASSERT(0 && "xvcpu__format: unsupported conversion");
            break;
        }
    }
    buf[len < cap ? len : cap - 1] = '\0';
}

/* Record an error text in `buf` (an object's error field), log it, and return `err`. */
static xvcpu_err xvcpu__fail(const xvcpu_hal *hal, char *buf, xvcpu_err err, const char *fmt, ...)
{
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    xvcpu__vformat(buf, XVCPU_ERROR_TEXT_SIZE, fmt, ap);
    __builtin_va_end(ap);
    (void)hal;
    XVCPU_LOG(hal, XVCPU_LOG_ERROR, buf);
    return err;
}
