// SPDX-License-Identifier: GPL-2.0-or-later
/* type lines: every struct and union type of file scope with its size
   (an untagged one by the typedef that names it), none for a type local
   to a function, nor for an incomplete one.  The layout hash itself is
   judged end to end (build54: a member added, two members swapped). */
/* { dg-do assemble } */
/* { dg-options "-O2 -fplugin-arg-klp_tag-describe" } */
struct pair {
	int a, b;
};

union either {
	long l;
	char c[3];
};

typedef struct {
	int x;
	struct {
		short lo, hi;
	};
	char tail;
} anon_t;

struct incomplete;

struct pair *use(struct pair *p, union either *e, anon_t *t, struct incomplete *i)
{
	struct local_only {
		int z;
	} l = { p->a };

	p->b += l.z + (int)e->l + t->lo + t->tail;
	return i ? p : 0;
}
/* { dg-final { same-object-without-plugin } } */
/* { dg-final { describe-valid } } */
/* { dg-final { describe-match {^type struct\.pair 8 [0-9a-f]{16}$} } } */
/* { dg-final { describe-match {^type union\.either 8 [0-9a-f]{16}$} } } */
/* { dg-final { describe-match {^type typedef\.anon_t 12 [0-9a-f]{16}$} } } */
/* { dg-final { describe-no-line {^type \S+local_only } } } */
/* { dg-final { describe-no-line {^type \S+incomplete } } } */
