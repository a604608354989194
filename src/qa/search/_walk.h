/* What the compiled walk (_walk.c) and its sums of units (_sums.c) share: a query's
 * terms as read from their buffers, documents' length norms, the exact score, and a
 * heap of the k best. See _walk.c for the arguments and the float operations.
 */
#ifndef QA_WALK_H
#define QA_WALK_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>

#define MOST_TERMS 64
#define MOST_TOKENS 1024
#define K1_PLUS_1 2.5 /* rank-bm25's k1 = 1.5, as bm25.py's K1 */
#define MARGIN 1e-9
#define UINTS (1 | 2 | 4) /* item sizes of unsigned counts and codes */
#define MOST_SEEDS 64     /* documents scored first to give theta, at most */

typedef struct {
    const int32_t *docs;
    const void *tf;
    int tf_size;
    Py_ssize_t len, pos;
    double idf, bound, unit;
    int count;
    const void *dense; /* frequencies per document, or NULL */
    int dense_size;
    const uint8_t *units; /* units per document, 0 where absent, or NULL */
    const uint8_t *own;   /* units per posting (a bound on its share), or NULL */
    Py_buffer views[5];
    int held;
} Term;

typedef struct {
    double score;
    int32_t doc;
} Item;

typedef struct {
    const double *table;
    double least; /* the smallest norm: a share at it bounds the share at any other */
    Py_ssize_t table_len;
    const void *code;
    int code_size;
    Py_ssize_t size;
} Norms;

static inline unsigned read_uint(const void *a, int size, Py_ssize_t i) {
    switch (size) {
    case 1: return ((const uint8_t *)a)[i];
    case 2: return ((const uint16_t *)a)[i];
    default: return ((const uint32_t *)a)[i];
    }
}

static inline double share(double idf, unsigned f, double norm) {
    double x = (double)f;
    return idf * (x * K1_PLUS_1 / (x + norm));
}

/* The first position from pos on whose document is at least d. */
static inline Py_ssize_t advance(const Term *t, Py_ssize_t pos, int32_t d) {
    const int32_t *a = t->docs;
    Py_ssize_t n = t->len, lo, hi, step = 1;
    if (pos >= n || a[pos] >= d) return pos;
    lo = pos; /* a[lo] < d */
    hi = pos + 1;
    while (hi < n && a[hi] < d) {
        lo = hi;
        step <<= 1;
        hi = pos + step;
    }
    if (hi > n) hi = n;
    lo += 1;
    while (lo < hi) {
        Py_ssize_t mid = lo + ((hi - lo) >> 1);
        if (a[mid] < d) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The term's frequency in document d, its postings searched from *at on (moved to
 * the first at or past d: documents asked in ascending order). */
static inline unsigned frequency(const Term *t, int32_t d, Py_ssize_t *at) {
    if (t->dense) return read_uint(t->dense, t->dense_size, d);
    if (t->units && !t->units[d]) return 0;
    *at = advance(t, *at, d);
    return *at < t->len && t->docs[*at] == d ? read_uint(t->tf, t->tf_size, *at) : 0;
}

static inline int by_doc(const void *a, const void *b) {
    int32_t x = ((const Item *)a)->doc, y = ((const Item *)b)->doc;
    return (x > y) - (x < y);
}

/* a ranks below b: a lower score, or the same score and a later document. */
static inline int below(Item a, Item b) {
    return a.score < b.score || (a.score == b.score && a.doc > b.doc);
}

static inline void sift_down(Item *h, int n, int i) {
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        Item swap;
        if (l < n && below(h[l], h[m])) m = l;
        if (r < n && below(h[r], h[m])) m = r;
        if (m == i) return;
        swap = h[i];
        h[i] = h[m];
        h[m] = swap;
        i = m;
    }
}

static inline void sift_up(Item *h, int i) {
    while (i > 0) {
        int up = (i - 1) / 2;
        Item swap;
        if (!below(h[i], h[up])) return;
        swap = h[i];
        h[i] = h[up];
        h[up] = swap;
        i = up;
    }
}

/* Keep item among the k best in the heap h of n; return the new n. */
static inline int keep(Item *h, int n, int k, Item item) {
    if (n < k) {
        h[n] = item;
        sift_up(h, n);
        return n + 1;
    }
    if (below(h[0], item)) {
        h[0] = item;
        sift_down(h, n, 0);
    }
    return n;
}

/* Tell whether document d can be read from the rows: a damaged index says no. */
static inline int valid(const Norms *nm, int32_t d) {
    return d >= 0 && d < nm->size && read_uint(nm->code, nm->code_size, d) < nm->table_len;
}

static inline double norm_of(const Norms *nm, int32_t d) {
    return nm->table[read_uint(nm->code, nm->code_size, d)];
}

/* The exact score of d from its terms' frequencies f, added in query order. */
static inline double exact(const Term *terms, const int *tokens, Py_ssize_t m,
                           const unsigned *f, double norm) {
    double total = 0;
    for (Py_ssize_t j = 0; j < m; j++) total += share(terms[tokens[j]].idf, f[tokens[j]], norm);
    return total;
}

/* Score document d exactly and keep it if it is among the k best; return the heap's size.
 * at: each term's postings searched from there (documents come in ascending order). */
static inline int score(const Term *T, int n, const int *tokens, Py_ssize_t m,
                        const Norms *nm, Item *heap, int hn, int k, int32_t d, Py_ssize_t *at,
                        int check) {
    unsigned f[MOST_TERMS];
    Item item;
    for (int i = 0; i < n; i++) f[i] = frequency(&T[i], d, &at[i]);
    item.doc = d;
    item.score = exact(T, tokens, m, f, norm_of(nm, d));
    if (!(item.score > 0) || (hn == k && !below(heap[0], item))) return hn;
    for (int j = 0; j < hn && check; j++)
        if (heap[j].doc == d) return hn; /* scored already */
    return keep(heap, hn, k, item);
}

/* Score the documents of best exactly in document order, each term's postings searched
 * onward (a search from the start for each would cost a miss per step), keeping those
 * among the k best; the heap's size, or -1 for a document the index does not hold. */
static inline int score_all(const Term *T, int n, const int *tokens, Py_ssize_t m,
                            const Norms *nm, Item *heap, int hn, int k, Item *best, int tn,
                            int check) {
    Py_ssize_t at[MOST_TERMS] = {0};
    qsort(best, (size_t)tn, sizeof *best, by_doc);
    for (int j = 0; j < tn; j++) {
        if (!valid(nm, best[j].doc)) return -1;
        hn = score(T, n, tokens, m, nm, heap, hn, k, best[j].doc, at, check);
    }
    return hn;
}

/* Rank by every document's summed units (_sums.c), the hn items in heap kept: the heap's
 * size, or -1 when the sums could overflow their 16 bits (the query is left). */
int sums(const Term *T, int n, const int *tokens, Py_ssize_t m, const Norms *nm, Item *heap,
         int hn, int k, double scale, int *bad);

#endif
