/* A small printf: enough for diagnostics, no floating point, no libc. */
#include "kernel.h"

/* Output goes to a buffer (ksnprintf) or, when buf is NULL, to the console. */
struct sink {
    char *buf;
    size_t size, len;
};

static void put(struct sink *s, char c)
{
    if (s->buf == NULL)
        console_putc(c);
    else if (s->len + 1 < s->size)
        s->buf[s->len] = c;
    s->len++;
}

static void pad(struct sink *s, char c, int n)
{
    while (n-- > 0)
        put(s, c);
}

/* One field: prefix ("-" or "0x"), then digits/text, padded to width. */
static void field(struct sink *s, const char *prefix, const char *body, int len, int width, int left, int zero)
{
    int plen = (int)strlen(prefix), fill = width - plen - len;

    if (!left && !zero)
        pad(s, ' ', fill);
    while (*prefix)
        put(s, *prefix++);
    if (!left && zero)
        pad(s, '0', fill);
    while (len-- > 0)
        put(s, *body++);
    if (left)
        pad(s, ' ', fill);
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink s = { buf, size, 0 };
    char digits[24];

    for (; *fmt; fmt++) {
        int left = 0, zero = 0, width = 0, prec = -1, lng = 0, base = 10, upper = 0, neg = 0, n;
        const char *prefix = "";
        unsigned long long v;

        if (*fmt != '%') {
            put(&s, *fmt);
            continue;
        }
        for (;; fmt++) {
            if (fmt[1] == '-')
                left = 1;
            else if (fmt[1] == '0')
                zero = 1;
            else
                break;
        }
        fmt++;
        if (*fmt == '*') {
            width = va_arg(ap, int);
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        if (*fmt == '.') {
            prec = 0;
            for (fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
                prec = prec * 10 + (*fmt - '0');
        }
        while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h') /* h/hh: the promoted int is fine */
            lng |= *fmt++ != 'h';

        switch (*fmt) {
        case 'c':
            digits[0] = (char)va_arg(ap, int);
            field(&s, "", digits, 1, width, left, 0);
            continue;
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (str == NULL)
                str = "(null)";
            for (n = 0; str[n] && (prec < 0 || n < prec); n++)
                ;
            field(&s, "", str, n, width, left, 0);
            continue;
        }
        case '%':
            put(&s, '%');
            continue;
        case 'd':
        case 'i': {
            long long sv = lng ? va_arg(ap, long long) : va_arg(ap, int);
            neg = sv < 0;
            v = neg ? 0ull - (unsigned long long)sv : (unsigned long long)sv;
            break;
        }
        case 'p':
            v = (uintptr_t)va_arg(ap, void *);
            base = 16;
            prefix = "0x";
            break;
        case 'X':
            upper = 1;
            /* fall through */
        case 'x':
            base = 16;
            /* fall through */
        case 'u':
            v = lng ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned int);
            break;
        default: /* unknown conversion: print it as is */
            put(&s, '%');
            if (!*fmt)
                return (int)s.len; /* "%" at the end */
            put(&s, *fmt);
            continue;
        }
        /* integers: digits right to left into the end of digits[] */
        n = 0;
        do {
            unsigned d = (unsigned)(v % (unsigned)base);
            digits[sizeof(digits) - 1 - n++] = (char)(d < 10 ? '0' + d : (upper ? 'A' : 'a') + d - 10);
            v /= (unsigned)base;
        } while (v);
        field(&s, neg ? "-" : prefix, digits + sizeof(digits) - n, n, width, left, zero);
    }
    if (buf != NULL && size > 0)
        buf[s.len < size ? s.len : size - 1] = '\0';
    return (int)s.len;
}

int kvprintf(const char *fmt, va_list ap)
{
    return kvsnprintf(NULL, 0, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
