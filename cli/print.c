/*
 * print.c — versus --print: a layout (render.h) written as lines of text
 * (see print.h).
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "sgr.h"
#include "width.h"
#include "xalloc.h"

static void
put(char **buf, size_t *cap, size_t *n, const void *s, size_t len)
{
	*buf = xgrow(*buf, cap, *n + len + 1, 1);
	memcpy(*buf + *n, s, len);
	*n += len;
}

/* s[0 .. len-1] in a look, which SGR_RESET ends; plain without colour. */
static void
put_styled(char **buf, size_t *cap, size_t *n, bool color,
	   enum sgr_look look, const char *s, size_t len)
{
	bool on = color && look != LOOK_PLAIN;

	if (on)
		put(buf, cap, n, sgr_on[look], strlen(sgr_on[look]));
	put(buf, cap, n, s, len);
	if (on)
		put(buf, cap, n, SGR_RESET, strlen(SGR_RESET));
}

static void
put_spaces(char **buf, size_t *cap, size_t *n, size_t count)
{
	*buf = xgrow(*buf, cap, *n + count + 1, 1);
	memset(*buf + *n, ' ', count);
	*n += count;
}

/* One side of a row, padded to the pane width. */
static void
print_cell(const struct render *r, const struct render_row *row, int side,
	   bool color, char **line, size_t *cap, size_t *n, char **tmp,
	   size_t *tcap)
{
	size_t col = 0, k, len;

	if (row->cell[side] == CELL_TEXT) {
		for (k = 0; k < row->nspan[side]; k++) {
			const struct render_span *sp =
			    &r->span[row->span[side] + k];

			if (sp->col > col)
				put_spaces(line, cap, n, sp->col - col);
			len = render_span_text(r, side, sp, tmp, tcap);
			put_styled(line, cap, n, color, sgr_style(sp->style),
				   *tmp, len);
			col = (size_t)sp->col + sp->width;
		}
	} else if (row->cell[side] == CELL_FILLER && color) {
		*tmp = xgrow(*tmp, tcap, 3 * (size_t)r->pane + 1, 1);
		for (k = 0; k < r->pane; k++)
			memcpy(*tmp + 3 * k, "\xe2\x95\xb1", 3);
		put_styled(line, cap, n, color, sgr_style(STYLE_FILLER), *tmp,
			   3 * (size_t)r->pane);
		col = r->pane;
	}
	if (col < r->pane)
		put_spaces(line, cap, n, r->pane - col);
}

/* Scratch lines, kept from row to row. */
struct print_buf {
	char *line, *tmp;
	size_t cap, tcap;
};

/* Write rows [0, r->nrow) of r; false on a write error. */
static bool
print_rows(FILE *out, const struct render *r, bool color, struct print_buf *pb)
{
	char mark[16];
	size_t n, i, ml;

	for (i = 0; i < r->nrow; i++) {
		const struct render_row *row = &r->row[i];

		n = 0;
		if (r->opts.inline_view) {
			put(&pb->line, &pb->cap, &n, " ", 1);
			width_char_form(row->mark, 0, 0, mark, &ml);
			put_styled(&pb->line, &pb->cap, &n, color,
				   sgr_mark(row->mark), mark, ml);
			put(&pb->line, &pb->cap, &n, " ", 1);
			print_cell(r, row, RENDER_LEFT, color, &pb->line,
				   &pb->cap, &n, &pb->tmp, &pb->tcap);
			goto end_line;
		}
		print_cell(r, row, RENDER_LEFT, color, &pb->line, &pb->cap, &n,
			   &pb->tmp, &pb->tcap);
		put(&pb->line, &pb->cap, &n, " ", 1);
		width_char_form(row->mark, 0, 0, mark, &ml);
		put_styled(&pb->line, &pb->cap, &n, color, sgr_mark(row->mark),
			   mark, ml);
		put(&pb->line, &pb->cap, &n, " ", 1);
		print_cell(r, row, RENDER_RIGHT, color, &pb->line, &pb->cap,
			   &n, &pb->tmp, &pb->tcap);
end_line:
		while (n > 0 && pb->line[n - 1] == ' ')
			n--;
		pb->line[n++] = '\n';
		if (fwrite(pb->line, 1, n, out) != n)
			return false;
	}
	return true;
}

int
print_layout(FILE *out, const struct render *r, bool color)
{
	struct print_buf pb = { 0 };

	print_rows(out, r, color, &pb);
	free(pb.line);
	free(pb.tmp);
	return ferror(out) ? -1 : 0;
}

int
print_stream(FILE *out, const struct alignment *al,
	     const struct render_opts *o, bool color)
{
	struct render_lazy *lz = render_lazy_new(al, o);
	struct print_buf pb = { 0 };
	bool ok = true;
	uint32_t bi, g, c;
	bool more;

	for (bi = 0; ok && bi < lz->nblock; bi++)
		for (g = 0; ok && g < render_lazy_pieces(lz, bi); g++)
			/* A giant paragraph a chunk of rows at a time. */
			for (c = 0, more = true; ok && more; c++)
				ok = print_rows(out,
						render_lazy_stream_chunk(lz, bi,
									 g, c,
									 &more),
						color, &pb);
	free(pb.line);
	free(pb.tmp);
	render_lazy_free(lz);
	return ferror(out) ? -1 : 0;
}
