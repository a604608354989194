/* Rank a query exactly by every document's summed units, when walking would not prune.
 *
 * The walk (_walk.c) leaves a query whose essential postings cover many documents: a
 * walked posting costs tens of nanoseconds. Here every document's bound is summed
 * instead, a chunk of CHUNK documents at a time while the chunk is in cache: each
 * term's units (its share divided by the index's scale and rounded up, so scale times
 * units bounds the share) from its dense row, or added from its postings that fall in
 * the chunk (their own units, or computed from the share). Only a document whose sum
 * can reach theta, the k-th best score so far, is scored exactly; blocks of BLOCK
 * documents keep their largest sum, so most are passed over whole. Theta starts from
 * the walk's seed, or else from the first chunk's largest sums, and rises as documents
 * are scored. Scores are the walk's exact ones: the result is rank-bm25's to the bit.
 */
#include <math.h>
#include <string.h>

#include "_walk.h"

#define CHUNK 4096 /* documents summed at a time */
#define BLOCK 128  /* documents that share one largest sum */
#define MOST_SUM 65535

#define GROUP 4       /* rows added up as bytes in one loop, at most */

typedef struct {
    const uint8_t *rows[MOST_TERMS];
    uint16_t counts[MOST_TERMS];
    int size[MOST_TERMS]; /* rows in the group a row starts, 1-GROUP; 0 inside one */
    int r;
} Rows;

/* Gather the terms' dense rows of units. Rows of terms asked once whose largest units
 * sum to 255 at most form groups, each added up as bytes in one pass (sixteen
 * documents an instruction, not eight, and one pass instead of one a row) before it is
 * widened; any other row is widened and multiplied by its count on its own. */
static void gather(const Term *T, int n, double scale, Rows *w) {
    int room = 0, start = -1;
    w->r = 0;
    for (int i = 0; i < n; i++) {
        int most = (int)(T[i].bound / scale) + 2;
        if (!T[i].units) continue;
        w->rows[w->r] = T[i].units;
        w->counts[w->r] = (uint16_t)T[i].count;
        if (T[i].count == 1 && most <= 255) {
            if (start >= 0 && most <= room && w->size[start] < GROUP) {
                w->size[start]++;
                w->size[w->r] = 0;
                room -= most;
            } else {
                start = w->r;
                w->size[start] = 1;
                room = 255 - most;
            }
        } else {
            w->size[w->r] = 1;
            start = -1; /* a group's rows are next to each other */
        }
        w->r++;
    }
}

#define SUM_INTO(a, first, len, units)                                                   \
    do {                                                                                 \
        if (first)                                                                       \
            for (Py_ssize_t i = 0; i < len; i++) a[i] = (uint16_t)(units);               \
        else                                                                             \
            for (Py_ssize_t i = 0; i < len; i++) a[i] = (uint16_t)(a[i] + (units));      \
    } while (0)

/* Set a to the summed rows of documents lo to lo + len. */
static void add_rows(const Rows *w, Py_ssize_t lo, Py_ssize_t len, uint16_t *restrict a) {
    if (!w->r) memset(a, 0, (size_t)len * sizeof *a);
    for (int j = 0; j < w->r; j += w->size[j]) {
        const uint8_t *restrict r0 = w->rows[j] + lo, *restrict r1, *restrict r2, *restrict r3;
        uint16_t c = w->counts[j];
        int first = j == 0;
        switch (w->size[j]) {
        case 1:
            if (c == 1) SUM_INTO(a, first, len, r0[i]);
            else SUM_INTO(a, first, len, r0[i] * c);
            break;
        case 2:
            r1 = w->rows[j + 1] + lo;
            SUM_INTO(a, first, len, (uint8_t)(r0[i] + r1[i]));
            break;
        case 3:
            r1 = w->rows[j + 1] + lo;
            r2 = w->rows[j + 2] + lo;
            SUM_INTO(a, first, len, (uint8_t)(r0[i] + r1[i] + r2[i]));
            break;
        default:
            r1 = w->rows[j + 1] + lo;
            r2 = w->rows[j + 2] + lo;
            r3 = w->rows[j + 3] + lo;
            SUM_INTO(a, first, len, (uint8_t)(r0[i] + r1[i] + r2[i] + r3[i]));
        }
    }
}

/* Add to a the units of the postings of terms without rows in documents lo to lo + len,
 * from each term's position in pos on (moved past them); -1 for a document out of
 * order or out of range (a damaged index), else 0. */
static int add_postings(const Term *T, int n, const Norms *nm, double scale, Py_ssize_t *pos,
                        Py_ssize_t lo, Py_ssize_t len, uint16_t *restrict a) {
    for (int i = 0; i < n; i++) {
        const Term *t = &T[i];
        const int32_t *restrict docs = t->docs;
        const uint8_t *restrict own = t->own;
        double per = t->count / scale; /* as impact.py: ceil(share * (count / scale)) */
        unsigned c = (unsigned)t->count;
        Py_ssize_t j = pos[i], end = j;
        if (t->units) continue;
        for (; end < t->len && docs[end] < lo + len; end++)
            if (docs[end] < lo) return -1; /* out of order: the index is damaged */
        if (own && c == 1) {
            for (; j < end; j++) a[docs[j] - lo] = (uint16_t)(a[docs[j] - lo] + own[j]);
        } else if (own) {
            for (; j < end; j++) a[docs[j] - lo] = (uint16_t)(a[docs[j] - lo] + own[j] * c);
        } else {
            for (; j < end; j++) {
                int32_t d = docs[j];
                if (!valid(nm, d)) return -1;
                double x = share(t->idf, read_uint(t->tf, t->tf_size, j), norm_of(nm, d)) * per;
                a[d - lo] = (uint16_t)(a[d - lo] + (unsigned)ceil(x));
            }
        }
        pos[i] = end;
    }
    return 0;
}

/* The fewest units a document needs for a score that reaches theta (at least 1): units
 * bound shares to far within MARGIN, and one unit less covers the division's rounding. */
static unsigned cut(double theta, double scale) {
    double units = floor(theta / scale) - 1;
    return units > 1 ? (units < MOST_SUM ? (unsigned)units : MOST_SUM) : 1;
}

int sums(const Term *T, int n, const int *tokens, Py_ssize_t m, const Norms *nm, Item *heap,
         int hn, int k, double scale, int *bad) {
    Py_ssize_t pos[MOST_TERMS] = {0}, at[MOST_TERMS] = {0};
    uint16_t a[CHUNK], top[CHUNK / BLOCK];
    double most = 0;
    int check = hn > 0; /* the walk's seeds are in the heap: met again, not kept twice */
    Rows w;
    for (int i = 0; i < n; i++) most += T[i].bound / scale + 2.0 * T[i].count;
    if (!(scale > 0) || most >= MOST_SUM) return -1;
    gather(T, n, scale, &w);
    for (Py_ssize_t lo = 0; lo < nm->size; lo += CHUNK) {
        Py_ssize_t len = nm->size - lo < CHUNK ? nm->size - lo : CHUNK;
        unsigned least;
        add_rows(&w, lo, len, a);
        if (add_postings(T, n, nm, scale, pos, lo, len, a) < 0) {
            *bad = 1;
            return hn;
        }
        if (hn < k) { /* no theta yet: the chunk's k largest sums are scored first */
            Item best[MOST_SEEDS];
            int tn = 0;
            for (Py_ssize_t i = 0; i < len; i++) {
                Item item = {(double)a[i], (int32_t)(lo + i)};
                if (a[i]) tn = keep(best, tn, k < MOST_SEEDS ? k : MOST_SEEDS, item);
            }
            int scored = score_all(T, n, tokens, m, nm, heap, hn, k, best, tn, 1);
            if (scored < 0) goto damaged;
            hn = scored;
            check = 1;
        }
        least = cut(hn == k ? heap[0].score * (1 - MARGIN) : 0, scale);
        for (Py_ssize_t b = 0; b < len; b += BLOCK) {
            Py_ssize_t end = len - b < BLOCK ? len - b : BLOCK;
            uint16_t high = 0;
            for (Py_ssize_t i = 0; i < end; i++) high = a[b + i] > high ? a[b + i] : high;
            top[b / BLOCK] = high;
        }
        for (Py_ssize_t b = 0; b < len; b += BLOCK) {
            Py_ssize_t end = len - b < BLOCK ? len - b : BLOCK;
            if (top[b / BLOCK] < least) continue;
            for (Py_ssize_t i = b; i < b + end; i++) {
                int32_t d = (int32_t)(lo + i);
                if (a[i] < least) continue;
                if (!valid(nm, d)) goto damaged;
                hn = score(T, n, tokens, m, nm, heap, hn, k, d, at, check);
                if (hn == k) least = cut(heap[0].score * (1 - MARGIN), scale);
            }
        }
    }
    for (int i = 0; i < n; i++)
        if (!T[i].units && pos[i] < T[i].len) goto damaged; /* a document past the last */
    return hn;
damaged:
    *bad = 1;
    return hn;
}
