/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_I18N_H
#define CCAP_I18N_H
/*
 * Translation of the programs' messages, summaries, report and chart labels through GNU
 * gettext (catalogues in po/).  _("text") translates; N_("text") marks text for the
 * catalogue where it must stay a constant (tables of labels), to be translated with _()
 * where it is used.  Without gettext (CCAP_ENABLE_NLS undefined) both are the text itself.
 */
#ifdef CCAP_ENABLE_NLS
#include <libintl.h>
#define _(text) gettext(text)
#else
#define _(text) (text)
#endif
#define N_(text) (text)

#endif /* CCAP_I18N_H */
