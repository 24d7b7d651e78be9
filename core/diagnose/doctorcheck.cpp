#include "doctorcheck.h"

namespace cs {

QString verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Ok: return QStringLiteral("ok");
    case Verdict::Warning: return QStringLiteral("warning");
    case Verdict::Failed: return QStringLiteral("failed");
    case Verdict::Skipped: return QStringLiteral("skipped");
    }
    return {};
}

Verdict DoctorCheck::verdict() const
{
    if (skipped)
        return Verdict::Skipped;
    if (!ok)
        return Verdict::Failed;
    return warning ? Verdict::Warning : Verdict::Ok;
}

DoctorCheck DoctorCheck::pass(const QString &id, const QString &line, const QString &evidence)
{
    DoctorCheck c{id, true, line};
    c.evidence = evidence;
    return c;
}

DoctorCheck DoctorCheck::warn(const QString &id, const QString &line, const QString &evidence)
{
    DoctorCheck c = pass(id, line, evidence);
    c.warning = true;
    return c;
}

DoctorCheck DoctorCheck::fail(const QString &id, const QString &line, const QString &evidence)
{
    DoctorCheck c{id, false, line};
    c.evidence = evidence;
    return c;
}

DoctorCheck DoctorCheck::skip(const QString &id, const QString &line) { return DoctorCheck{id, false, line, true}; }

namespace diagnose {

QString seconds(qint64 ms)
{
    return ms % 1000 == 0 ? QStringLiteral("%1 s").arg(ms / 1000) : QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 1);
}

QString excerpt(const QByteArray &body, int max)
{
    QString text = QString::fromUtf8(body.left(max * 4)).simplified();
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = u' ';
    }
    if (text.size() > max)
        text = text.left(max) + QStringLiteral("…");
    return text;
}

}  // namespace diagnose

}  // namespace cs
