// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * abi.cc - the target kernel: does it apply .klp.arch sections?
 *
 * In:  the declarations and types the unit parses; abi= and kernel=
 * Out: klp_declared while parsing, then the unit's ABI (resolve_abi).
 *
 * abi=auto renames only for a kernel that declares
 * arch_klp_init_object_loaded() in <linux/livepatch.h>, the consumer of the
 * sections (4.9-5.7, and distribution kernels that kept it): from 5.8 on
 * .klp.arch sections load but are never applied (docs/kernel-abi.md).
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "diagnostic-core.h"

#include "stages.h"

bool name_is(tree id, const char *s)
{
	return id && TREE_CODE(id) == IDENTIFIER_NODE && strcmp(IDENTIFIER_POINTER(id), s) == 0;
}

void watch_declaration(void *event_data, void *data)
{
	tree decl = (tree)event_data;
	klp_declared *declared = (klp_declared *)data;

	if (TREE_CODE(decl) != FUNCTION_DECL)
		return;
	if (name_is(DECL_NAME(decl), "arch_klp_init_object_loaded"))
		declared->consumer_hook = true;
	else if (name_is(DECL_NAME(decl), "klp_enable_patch") ||
		 name_is(DECL_NAME(decl), "klp_register_patch"))
		declared->livepatch_header = true;
}

void watch_type(void *event_data, void *data)
{
	tree type = (tree)event_data;
	klp_declared *declared = (klp_declared *)data;
	tree id;

	if (!type || TREE_CODE(type) != RECORD_TYPE)
		return;
	id = TYPE_NAME(type);
	if (id && TREE_CODE(id) == TYPE_DECL)
		id = DECL_NAME(id);
	if (name_is(id, "klp_object") || name_is(id, "klp_patch") || name_is(id, "klp_func"))
		declared->livepatch_header = true;
}

/* __KLP_TAG__ tells klp_tag.h the plugin is there, also to cc1 -E.  cc1
 * only: lto1 has no preprocessor, hence the weak references. */
struct cpp_reader;
extern cpp_reader *parse_in __attribute__((weak));
extern void cpp_define(cpp_reader *, const char *) __attribute__((weak));

void define_klp_tag_macro(void *, void *)
{
	if (&parse_in && &cpp_define && parse_in)
		cpp_define(parse_in, "__KLP_TAG__=1");
}

enum klp_map_abi resolve_abi(const klp_options &options, const klp_declared &declared,
			     bool unit_has_tags, location_t loc)
{
	if (options.abi_requested != KLP_ABI_AUTO)
		return options.abi_requested;
	if (declared.consumer_hook)
		return KLP_ABI_KLP_ARCH;
	if (!declared.livepatch_header && options.kernel_tree_abi == KLP_ABI_KLP_ARCH)
		return KLP_ABI_KLP_ARCH;
	/* kernel=none: the kbuild fragment has said it once for the directory. */
	if (!unit_has_tags || (options.kernel_tree_abi == KLP_ABI_NONE && !options.verbose))
		return KLP_ABI_NONE;
	if (declared.livepatch_header || options.kernel_tree_abi == KLP_ABI_NONE)
		inform(loc, "klp_tag: these kernel headers declare no "
		       "%<arch_klp_init_object_loaded%>, so the target kernel (5.8 or later, "
		       "or a backport of the removal) applies alternatives and paravirt "
		       "entries at module load: nothing is renamed to .klp.arch");
	else
		warning_at(loc, 0, "klp_tag: the target kernel is unknown (this unit does not "
			   "include %<<linux/livepatch.h>%>), so nothing is renamed; pass "
			   "%<-fplugin-arg-klp_tag-abi=klp-arch%> (kernels 4.9 to 5.7) or "
			   "%<-fplugin-arg-klp_tag-abi=none%>");
	return KLP_ABI_NONE;
}
