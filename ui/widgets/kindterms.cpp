#include "kindterms.h"

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

QString withKindsShown(const QString &filterText, const QStringList &kinds, bool shown)
{
    QStringList wanted;
    for (const QString &k : kinds)
        wanted.append(k.toLower());

    if (!shown) {
        const QStringList hidden = hiddenKinds(filterText);
        QStringList missing;
        for (const QString &k : wanted) {
            if (!hidden.contains(k))
                missing.append(k);
        }
        if (missing.isEmpty())
            return filterText;
        QString out = filterText;
        while (!out.isEmpty() && out.back().isSpace())
            out.chop(1);
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        return out + kNegKind + missing.join(QLatin1Char(','));
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
    return out;
}

}  // namespace cs::ui::kindterms
