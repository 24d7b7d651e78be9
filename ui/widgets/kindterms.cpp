#include "kindterms.h"

#include "logfilter.h"

#include <QtGlobal>

namespace cs::ui::kindterms {

namespace {

// Whitespace-separated terms; a quoted part ("two words") belongs to one term.
struct Span {
    qsizetype start = 0;
    qsizetype length = 0;
};

std::vector<Span> terms(const QString &text)
{
    std::vector<Span> out;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        while (i < n && text[i].isSpace())
            ++i;
        if (i >= n)
            break;
        const qsizetype start = i;
        bool quoted = false;
        while (i < n && (quoted || !text[i].isSpace())) {
            if (text[i] == u'"')
                quoted = !quoted;
            else if (quoted && text[i] == u'\\')
                ++i;
            ++i;
        }
        out.push_back({start, qMin(i, n) - start});
    }
    return out;
}

constexpr QLatin1StringView kNegKind("-kind:");

// The kind names of a `-kind:a,b` term, lower-cased; empty when the term is something else.
QStringList negatedKinds(QStringView term)
{
    if (!term.startsWith(kNegKind, Qt::CaseInsensitive))
        return {};
    QStringList kinds;
    for (const QStringView part : term.mid(kNegKind.size()).split(u',', Qt::SkipEmptyParts)) {
        const QString name = part.trimmed().toString().toLower();
        if (!name.isEmpty())
            kinds.append(name);
    }
    return kinds;
}

}  // namespace

const std::vector<KindGroupSpec> &kindGroupSpecs()
{
    static const std::vector<KindGroupSpec> specs{
        {"event", QT_TRANSLATE_NOOP("cs::ui::FilterBar", "event"), {QStringLiteral("event")}},
        {"client-event", QT_TRANSLATE_NOOP("cs::ui::FilterBar", "client-event"), {QStringLiteral("client-event")}},
        {"subscription", QT_TRANSLATE_NOOP("cs::ui::FilterBar", "subscription"), {QStringLiteral("subscription")}},
        {"presence", QT_TRANSLATE_NOOP("cs::ui::FilterBar", "presence"), {QStringLiteral("presence")}},
        {"connection", QT_TRANSLATE_NOOP("cs::ui::FilterBar", "connection"), {QStringLiteral("connection")}},
        {"state",
         QT_TRANSLATE_NOOP("cs::ui::FilterBar", "state/timer"),
         {QStringLiteral("state"), QStringLiteral("timer")}},
        {"auth", QT_TRANSLATE_NOOP("cs::ui::FilterBar", "auth"), {QStringLiteral("auth"), QStringLiteral("signin")}},
        {"rest", QT_TRANSLATE_NOOP("cs::ui::FilterBar", "rest"), {QStringLiteral("rest")}},
        {"error", QT_TRANSLATE_NOOP("cs::ui::FilterBar", "error"), {QStringLiteral("error")}},
        // What the tap, the webhook inbox and the watcher log about the rest of the app.
        {"api",
         QT_TRANSLATE_NOOP("cs::ui::FilterBar", "api/webhook/watch"),
         {QStringLiteral("api"), QStringLiteral("webhook"), QStringLiteral("watch")}},
    };
    return specs;
}

QStringList hiddenKinds(const QString &filterText)
{
    QStringList hidden;
    for (const Span &span : terms(filterText)) {
        for (const QString &kind : negatedKinds(QStringView(filterText).mid(span.start, span.length))) {
            if (!hidden.contains(kind))
                hidden.append(kind);
        }
    }
    return hidden;
}

namespace {

constexpr QLatin1StringView kKind("kind:");

// The names of a positive `kind:a,b` term as written (quoted values are left alone: empty).
QStringList positiveNames(QStringView term)
{
    if (!term.startsWith(kKind, Qt::CaseInsensitive) || term.contains(u'"'))
        return {};
    QStringList names;
    for (const QStringView part : term.mid(kKind.size()).split(u',', Qt::SkipEmptyParts))
        names.append(part.trimmed().toString());
    return names;
}

// Whether a kind mask (LogFilter::kindMask) lets the kind `name` through.
bool admits(quint32 mask, const QString &name)
{
    EntryKind kind;
    return parseEntryKind(name, &kind) && ((mask >> unsigned(kind)) & 1u);
}

// The kinds `text` lets through, or every kind when it does not parse (nothing to go by).
quint32 kindMaskOf(const QString &text)
{
    const Result<LogFilter, FilterError> parsed = LogFilter::parse(text);
    return parsed ? parsed->kindMask() : ~0u;
}

// Rewrites every positive `kind:` term with `edit(names)`; a term whose names do not change stays
// as typed.
template <typename Edit>
QString editPositiveTerms(const QString &filterText, Edit edit)
{
    QString out = filterText;
    const std::vector<Span> spans = terms(filterText);
    for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
        const QStringView term = QStringView(filterText).mid(it->start, it->length);
        const QStringList names = positiveNames(term);
        if (names.isEmpty())
            continue;
        const QStringList edited = edit(names, term);
        if (edited != names)
            out.replace(it->start, it->length, term.left(kKind.size()).toString() + edited.join(QLatin1Char(',')));
    }
    return out;
}

QString appendTerm(QString text, const QString &term)
{
    while (!text.isEmpty() && text.back().isSpace())
        text.chop(1);
    if (!text.isEmpty())
        text += QLatin1Char(' ');
    return text + term;
}

}  // namespace

QString withKindsShown(const QString &filterText, const QStringList &kinds, bool shown)
{
    QStringList wanted;
    for (const QString &k : kinds)
        wanted.append(k.toLower());

    if (!shown) {
        // A positive term forgets these kinds when it names others too; what still gets through
        // is hidden with a -kind: term.
        const QString out = editPositiveTerms(filterText, [&](const QStringList &names, QStringView) {
            QStringList remaining;
            for (const QString &n : names) {
                if (!wanted.contains(n.toLower()))
                    remaining.append(n);
            }
            return remaining.isEmpty() ? names : remaining;
        });
        const quint32 mask = kindMaskOf(out);
        const QStringList hidden = hiddenKinds(out);
        QStringList missing;
        for (const QString &k : wanted) {
            if (!hidden.contains(k) && admits(mask, k))
                missing.append(k);
        }
        return missing.isEmpty() ? out : appendTerm(out, kNegKind + missing.join(QLatin1Char(',')));
    }

    // Walk the terms from the end so that earlier positions stay valid while editing.
    QString out = filterText;
    const std::vector<Span> spans = terms(filterText);
    for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
        const QStringList names = negatedKinds(QStringView(filterText).mid(it->start, it->length));
        if (names.isEmpty())
            continue;
        QStringList remaining;
        for (const QString &n : names) {
            if (!wanted.contains(n))
                remaining.append(n);
        }
        if (remaining.size() == names.size())
            continue;
        if (!remaining.isEmpty()) {
            out.replace(it->start, it->length, kNegKind + remaining.join(QLatin1Char(',')));
            continue;
        }
        // Drop the term and the spaces after it (or before it, when it is the last term).
        qsizetype from = it->start;
        qsizetype to = it->start + it->length;
        while (to < out.size() && out[to].isSpace())
            ++to;
        if (to == out.size()) {
            while (from > 0 && out[from - 1].isSpace())
                --from;
        }
        out.remove(from, to - from);
    }
    // Every positive term lets them through too.
    return editPositiveTerms(out, [&](QStringList names, QStringView term) {
        const quint32 mask = kindMaskOf(term.toString());
        for (const QString &k : wanted) {
            if (!admits(mask, k))
                names.append(k);
        }
        return names;
    });
}

}  // namespace cs::ui::kindterms
