// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * options.cc - the first stage: the plugin's arguments, every key known and
 * every value checked, and the tag files and the extract file they name.
 *
 * In:  -fplugin-arg-klp_tag-KEY[=VALUE] (plugin_name_args)
 * Out: klp_options, three klp_tags: the tag files' function pairs and
 *      symbol lines, and the tables of the module's other units (tables=),
 *      each with the lines that disagreed with an earlier one, reported at
 *      the function or symbol later; the extract file (klp_unit::extract).
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "diagnostic-core.h"

#include "stages.h"
#include "tables.h"
#include "util.h"

const char klp_tag_help[] =
	"klp_tag " KLP_TAG_VERSION ": move the alternative and paravirt entries of livepatch\n"
	"replacement functions into .klp.arch.<object>..altinstructions/..parainstructions.\n"
	"  -fplugin-arg-klp_tag-object=NAME           default object of the unit's functions\n"
	"  -fplugin-arg-klp_tag-tags=FILE             tag file: one 'FUNCTION OBJECT' a line\n"
	"  -fplugin-arg-klp_tag-abi=auto|klp-arch|none  target kernel (default auto)\n"
	"  -fplugin-arg-klp_tag-kernel=klp-arch|none  with abi=auto: what the kernel tree\n"
	"                                             declares, for units without livepatch.h\n"
	"  -fplugin-arg-klp_tag-tables=FILE           what the klp_object tables of other\n"
	"                                             units of the module say (repeatable)\n"
	"  -fplugin-arg-klp_tag-write-tables=FILE     write this unit's tables for the other\n"
	"                                             units (use with -fsyntax-only)\n"
	"  -fplugin-arg-klp_tag-extract=FILE          compile the unit into a livepatch module:\n"
	"                                             what FILE does not keep becomes a\n"
	"                                             reference to the running kernel\n"
	"  -fplugin-arg-klp_tag-describe              write DUMPBASE.klp-describe, what the\n"
	"                                             compile made of each function (for\n"
	"                                             klp-tag-build); changes nothing else\n"
	"  -fplugin-arg-klp_tag-verbose               print each function's object\n"
	"  __attribute__((klp_object(\"NAME\")))         tag one function\n";

struct tagfile_ctx {
	klp_tags *tags;
	klp_tags *symbols;	/* tag files' symbol lines */
	const char *file;
};

static int add_tag(klp_tags *tags, const char *function, size_t len, const char *object,
		   unsigned long position, const char *file, unsigned line);

static int tagfile_pair(void *ctx, const char *function, size_t len, const char *object,
			unsigned line)
{
	tagfile_ctx *c = (tagfile_ctx *)ctx;

	return add_tag(c->tags, function, len, object, 0, c->file, line);
}

/* `symbol NAME OBJECT [POSITION]`: kept apart from the functions' tags. */
static int tagfile_symbol(void *ctx, const char *name, size_t len, const char *object,
			  unsigned long position, unsigned line)
{
	tagfile_ctx *c = (tagfile_ctx *)ctx;

	return add_tag(c->symbols, name, len, object, position, c->file, line);
}

static void tagfile_error(void *ctx, unsigned line, const char *why)
{
	error("%s:%u: malformed tag line: %s", ((tagfile_ctx *)ctx)->file, line, why);
}

/* Keep FUNCTION -> OBJECT from FILE:LINE in TAGS, and a disagreeing line. */
static int add_tag(klp_tags *tags, const char *function, size_t len, const char *object,
		   unsigned long position, const char *file, unsigned line)
{
	const struct klp_tag *earlier = klp_tagset_add_at(tags->set, function, len, object,
							  position, file, line);

	if (earlier == KLP_TAGSET_NOMEM) {
		error("out of memory reading %qs", file);
		return 1;
	}
	if (earlier) {
		klp_tag conflict = { keep_string(earlier->function), keep_string(object), file,
				     line, position };
		tags->conflicts.safe_push(conflict);
	}
	return 0;
}

static char *read_whole(const char *path, const char *what, size_t *len)
{
	char *text;
	int err = klp_read_file(path, &text, len);

	if (err) {
		error("cannot read %s %qs: %s", what, path, xstrerror(err));
		return NULL;
	}
	return text;
}

static void read_tag_file(const char *path, klp_unit *unit)
{
	static const struct klp_tagfile_callbacks cb = { tagfile_pair, tagfile_symbol,
							 tagfile_error };
	tagfile_ctx ctx = { &unit->tags, &unit->symbol_tags, keep_string(path) };
	size_t len;
	char *text = read_whole(path, "tag file", &len);

	if (!text)
		return;
	klp_tagfile_parse(text, len, &cb, &ctx);
	free(text);
}

static int foreign_table(void *ctx, const char *function, const char *object,
			 unsigned table_line, const char *table_file, unsigned)
{
	return add_tag(((tagfile_ctx *)ctx)->tags, function, strlen(function), object, 0,
		       keep_string(table_file), table_line);
}

static void table_file_error(void *ctx, unsigned line, const char *why)
{
	error("%s:%u: malformed table file line: %s", ((tagfile_ctx *)ctx)->file, line, why);
}

/* tables=: a table file another unit of the module wrote (common/tables.h). */
static void read_table_file(const char *path, klp_tags *tables)
{
	static const struct klp_tables_callbacks cb = { foreign_table, NULL, table_file_error };
	tagfile_ctx ctx = { tables, NULL, keep_string(path) };
	size_t len;
	char *text = read_whole(path, "table file", &len);

	if (!text)
		return;
	klp_tables_parse(text, len, &cb, &ctx);
	free(text);
}

/* extract=: the extract file klp-tag-build wrote (common/extract.h). */
static void read_extract_file(const char *path, klp_unit *unit)
{
	char err[KLP_EXTRACT_ERRLEN];
	size_t len;
	char *text = read_whole(path, "extract file", &len);

	if (!text)
		return;
	if (klp_extract_parse(text, len, &unit->extract, err))
		error("extract file %qs, %s", path, err);
	free(text);
}

static const char *value_form(const char *key)
{
	if (strcmp(key, "object") == 0)
		return "NAME";
	if (strcmp(key, "abi") != 0 && strcmp(key, "kernel") != 0)
		return "FILE";
	if (strcmp(key, "abi") == 0)
		return "auto|klp-arch|none";
	return "klp-arch|none";
}

/* abi= and kernel= (which has no auto: it states what the tree declares). */
static bool parse_abi(const char *key, const char *value, enum klp_map_abi *abi)
{
	bool is_abi = strcmp(key, "abi") == 0;

	if (strcmp(value, "auto") == 0 && is_abi)
		*abi = KLP_ABI_AUTO;
	else if (strcmp(value, "klp-arch") == 0)
		*abi = KLP_ABI_KLP_ARCH;
	else if (strcmp(value, "none") == 0)
		*abi = KLP_ABI_NONE;
	else
		return false;
	return true;
}

static bool takes_value(const char *key)
{
	static const char *const keys[] = { "object", "tags", "abi", "kernel", "tables",
					    "write-tables", "extract" };
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return false;
}

bool parse_arguments(const struct plugin_name_args *info, klp_unit *unit)
{
	const char *const prefix = "-fplugin-arg-klp_tag-";
	klp_options *options = &unit->options;
	auto_vec<const char *> table_files;
	bool ok = true;
	int i;

	for (i = 0; i < info->argc; i++) {
		const char *key = info->argv[i].key, *value = info->argv[i].value;
		bool needs_value = takes_value(key);

		if (!needs_value && strcmp(key, "verbose") != 0 && strcmp(key, "describe") != 0) {
			error("unknown option %<%s%s%>; klp_tag knows object=, tags=, tables=, "
			      "write-tables=, abi=, kernel=, extract=, describe and verbose", prefix,
			      key);
			ok = false;
		} else if (needs_value && (!value || !*value)) {
			error("option %<%s%s%> needs a value: %<%s%s=%s%>", prefix, key, prefix, key,
			      value_form(key));
			ok = false;
		} else if (!needs_value && value) {
			error("option %<%s%s%> takes no value", prefix, key);
			ok = false;
		} else if (strcmp(key, "verbose") == 0) {
			options->verbose = true;
		} else if (strcmp(key, "describe") == 0) {
			options->describe = true;
		} else if (strcmp(key, "extract") == 0) {
			if (options->extract_file) {
				error("option %<%s%s%> is given twice: a unit has one extract file",
				      prefix, key);
				ok = false;
			} else {
				options->extract_file = keep_string(value);
				read_extract_file(value, unit);
			}
		} else if (strcmp(key, "object") == 0) {
			options->default_object =
				checked_object_name(value, strlen(value), UNKNOWN_LOCATION,
						    "-fplugin-arg-klp_tag-object");
			ok &= options->default_object != NULL;
		} else if (strcmp(key, "tags") == 0) {
			read_tag_file(value, unit);
		} else if (strcmp(key, "tables") == 0) {
			table_files.safe_push(value);
		} else if (strcmp(key, "write-tables") == 0) {
			options->write_tables = keep_string(value);
		} else if (!parse_abi(key, value,
				      strcmp(key, "kernel") == 0 ? &options->kernel_tree_abi
								 : &options->abi_requested)) {
			error("option %<%s%s=%s%>: the value must be %s", prefix, key, value,
			      strcmp(key, "abi") == 0 ? "'auto', 'klp-arch' or 'none'"
						      : "'klp-arch' or 'none'");
			ok = false;
		}
	}
	/* Describe mode must leave the compile as it is: nothing else may run. */
	for (i = 0; options->describe && i < info->argc; i++)
		if (strcmp(info->argv[i].key, "describe") != 0) {
			error("option %<%sdescribe%> changes nothing in the compile, so it takes no "
			      "other option (given: %<%s%s%>)", prefix, prefix, info->argv[i].key);
			return false;
		}
	/*
	 * A scan writes what the unit's own tables say; the kbuild fragment
	 * gives it the same flags as the compile, whose table file may not
	 * exist yet.
	 */
	if (!options->write_tables)
		for (const char *path : table_files)
			read_table_file(path, &unit->foreign_tables);
	return ok;
}
