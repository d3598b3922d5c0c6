// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the .config reader and comparison (dotconfig.h). */
#include "dotconfig.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

/* Parse TEXT as file "t/.config"; the error, or "" when it loads (C keeps it). */
static const char *parse(struct klp_config *c, const char *text)
{
	static char err[512];
	char *copy = strdup(text);

	err[0] = '\0';
	if (!copy)
		return "out of memory";
	if (klp_config_parse(c, "t/.config", copy, strlen(text), err, sizeof(err)))
		return err;
	return "";
}

static const char *err_of(const char *text)
{
	struct klp_config c;
	const char *e = parse(&c, text);

	klp_config_free(&c);
	return e;
}

static void reading(void)
{
	struct klp_config c;

	UNIT_CHECK_STR("config: loads", parse(&c,
		"#\n# Automatically generated file; DO NOT EDIT.\n#\n"
		"CONFIG_CC_VERSION_TEXT=\"gcc (Debian 12.2.0-14) 12.2.0\"\n"
		"CONFIG_MODULES=y\nCONFIG_EXT4_FS=m\nCONFIG_LOG_BUF_SHIFT=17\n"
		"CONFIG_PHYSICAL_START=0x1000000\n# CONFIG_SWAP is not set\n\n"
		"CONFIG_ESC=\"a \\\"b\\\" \\\\\"\nCONFIG_OFF=n\nCONFIG_MODULES=m\n"
		"CONFIG_LAST=y"), "");
	UNIT_CHECK_STR("config: y", klp_config_value(&c, "CONFIG_EXT4_FS"), "m");
	UNIT_CHECK_STR("config: string kept as written", klp_config_value(&c, "CONFIG_CC_VERSION_TEXT"),
		       "\"gcc (Debian 12.2.0-14) 12.2.0\"");
	UNIT_CHECK_STR("config: escapes", klp_config_value(&c, "CONFIG_ESC"), "\"a \\\"b\\\" \\\\\"");
	UNIT_CHECK_STR("config: hex", klp_config_value(&c, "CONFIG_PHYSICAL_START"), "0x1000000");
	UNIT_CHECK("config: not set is off", klp_config_value(&c, "CONFIG_SWAP") == NULL);
	UNIT_CHECK("config: n is off", klp_config_value(&c, "CONFIG_OFF") == NULL);
	UNIT_CHECK("config: absent is off", klp_config_value(&c, "CONFIG_NONE") == NULL);
	UNIT_CHECK_STR("config: the last setting wins", klp_config_value(&c, "CONFIG_MODULES"), "m");
	UNIT_CHECK_STR("config: no newline at the end", klp_config_value(&c, "CONFIG_LAST"), "y");
	UNIT_CHECK("config: one entry per option", c.n == 9);
	klp_config_free(&c);
}

static void bad_input(void)
{
	UNIT_CHECK_STR("config: not an option line", err_of("CONFIG_A=y\nfoo=bar\n"),
		       "t/.config:2: expected \"CONFIG_NAME=VALUE\" or a \"#\" comment, found \"foo=bar\": not a kernel .config");
	UNIT_CHECK_STR("config: no value", err_of("CONFIG_A=\n"),
		       "t/.config:1: the value of CONFIG_A is neither y, m, a number nor a closed \"...\" string: \"CONFIG_A=\"");
	UNIT_CHECK_STR("config: open string", err_of("CONFIG_A=\"abc\n"),
		       "t/.config:1: the value of CONFIG_A is neither y, m, a number nor a closed \"...\" string: \"CONFIG_A=\"abc\"");
	UNIT_CHECK_STR("config: text after the string", err_of("CONFIG_A=\"a\" b\n"),
		       "t/.config:1: the value of CONFIG_A is neither y, m, a number nor a closed \"...\" string: \"CONFIG_A=\"a\" b\"");
	UNIT_CHECK_STR("config: CRLF", err_of("CONFIG_A=y\r\n"),
		       "t/.config:1: the value of CONFIG_A is neither y, m, a number nor a closed \"...\" string: \"CONFIG_A=y\\x0d\"");
	UNIT_CHECK_STR("config: blank in a value", err_of("CONFIG_A=y y\n"),
		       "t/.config:1: the value of CONFIG_A is neither y, m, a number nor a closed \"...\" string: \"CONFIG_A=y y\"");
	UNIT_CHECK_STR("config: no name", err_of("CONFIG_=y\n"),
		       "t/.config:1: expected \"CONFIG_NAME=VALUE\" or a \"#\" comment, found \"CONFIG_=y\": not a kernel .config");
	{
		struct klp_config c;
		char err[512], *t = malloc(4);

		memcpy(t, "a\0b", 4);
		UNIT_CHECK("config: NUL bytes refused", t &&
			   klp_config_parse(&c, "t/.config", t, 3, err, sizeof(err)) == -1 &&
			   strcmp(err, "t/.config: holds NUL bytes: not a kernel .config") == 0);
		klp_config_free(&c);
	}
	{
		struct klp_config c;
		char err[512];

		UNIT_CHECK("config: unreadable", klp_config_load(&c, "/nonexistent/.config", err, sizeof(err)) == -1 &&
			   strcmp(err, "/nonexistent/.config: cannot read: No such file or directory") == 0);
		klp_config_free(&c);
	}
	UNIT_CHECK_STR("config: other comments are fine", err_of("# CONFIG_A\n#x\n# CONFIG_B is set\n"), "");
}

static void comparing(void)
{
	struct klp_config a, b;
	struct klp_config_diff *d;
	long n;

	parse(&a, "CONFIG_A=y\nCONFIG_B=m\n# CONFIG_C is not set\nCONFIG_D=\"x\"\nCONFIG_E=y\n");
	parse(&b, "CONFIG_E=y\nCONFIG_D=\"y\"\nCONFIG_C=n\nCONFIG_B=y\nCONFIG_F=y\n# CONFIG_G is not set\n");
	n = klp_config_compare(&a, &b, &d);
	UNIT_CHECK("compare: four differ", n == 4);
	if (n == 4) {
		UNIT_CHECK("compare: sorted by name, a off in B", strcmp(d[0].name, "CONFIG_A") == 0 &&
			   strcmp(d[0].a, "y") == 0 && d[0].b == NULL);
		UNIT_CHECK("compare: m against y", strcmp(d[1].name, "CONFIG_B") == 0 &&
			   strcmp(d[1].a, "m") == 0 && strcmp(d[1].b, "y") == 0);
		UNIT_CHECK("compare: strings", strcmp(d[2].name, "CONFIG_D") == 0);
		UNIT_CHECK("compare: only in B", strcmp(d[3].name, "CONFIG_F") == 0 && d[3].a == NULL &&
			   strcmp(d[3].b, "y") == 0);
	}
	free(d);
	n = klp_config_compare(&a, &a, &d);
	UNIT_CHECK("compare: itself", n == 0);
	free(d);
	klp_config_free(&a);
	klp_config_free(&b);
}

int main(void)
{
	reading();
	bad_input();
	comparing();
	return unit_failures != 0;
}
