#include "junitreport.h"

#include <QDateTime>
#include <QXmlStreamWriter>

namespace cs {

namespace {

QString secondsText(qint64 ms) { return QString::number(ms / 1000.0, 'f', 3); }

}  // namespace

QByteArray junitXml(const Scenario &scenario, const QList<StepResult> &results, qint64 totalMs)
{
    const auto count = [&](StepResult::Outcome outcome) {
        return QString::number(std::count_if(results.begin(), results.end(),
                                             [outcome](const StepResult &r) { return r.outcome == outcome; }));
    };
    const QString tests = QString::number(results.size());
    const QString failures = count(StepResult::Outcome::Failed);
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), scenario.name);
    xml.writeAttribute(QStringLiteral("tests"), tests);
    xml.writeAttribute(QStringLiteral("failures"), failures);
    xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
    xml.writeAttribute(QStringLiteral("time"), secondsText(totalMs));
    xml.writeStartElement(QStringLiteral("testsuite"));
    xml.writeAttribute(QStringLiteral("name"), scenario.name);
    xml.writeAttribute(QStringLiteral("tests"), tests);
    xml.writeAttribute(QStringLiteral("failures"), failures);
    xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
    xml.writeAttribute(QStringLiteral("skipped"), count(StepResult::Outcome::Skipped));
    xml.writeAttribute(QStringLiteral("time"), secondsText(totalMs));
    xml.writeAttribute(
        QStringLiteral("timestamp"),
        QDateTime::currentDateTimeUtc().toString(Qt::ISODate).chopped(1));  // no "Z": xs:dateTime in Ant's schema
    if (!scenario.file.isEmpty())
        xml.writeAttribute(QStringLiteral("file"), scenario.file);
    for (const StepResult &r : results) {
        xml.writeStartElement(QStringLiteral("testcase"));
        xml.writeAttribute(QStringLiteral("name"), QStringLiteral("%1. %2").arg(r.index + 1).arg(r.title));
        xml.writeAttribute(QStringLiteral("classname"), scenario.name);
        xml.writeAttribute(QStringLiteral("time"), secondsText(r.durationMs));
        if (r.outcome == StepResult::Outcome::Failed) {
            xml.writeStartElement(QStringLiteral("failure"));
            xml.writeAttribute(QStringLiteral("message"), r.message);
            xml.writeAttribute(QStringLiteral("type"),
                               QStringLiteral("%1").arg(stepKindName(scenario.steps.at(r.index).kind)));
            QString text = r.message;
            if (r.endSeq > r.firstSeq)
                text += QStringLiteral("\nlog entries #%1 to #%2").arg(r.firstSeq).arg(r.endSeq - 1);
            xml.writeCharacters(text);
            xml.writeEndElement();
        } else if (r.outcome == StepResult::Outcome::Skipped) {
            xml.writeStartElement(QStringLiteral("skipped"));
            xml.writeAttribute(QStringLiteral("message"), r.message);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

}  // namespace cs
