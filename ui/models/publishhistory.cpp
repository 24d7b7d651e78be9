#include "publishhistory.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>

#include "settingsaccess.h"

#include <algorithm>

namespace cs::ui {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("cs::ui::PublishHistory", text); }

QJsonArray toArray(const QList<PublishRecord> &records)
{
    QJsonArray array;
    for (const PublishRecord &r : records)
        array.append(r.toJson());
    return array;
}

QList<PublishRecord> fromArray(const QByteArray &json)
{
    QList<PublishRecord> out;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &v : array) {
        if (v.isObject())
            out.append(PublishRecord::fromJson(v.toObject()));
    }
    return out;
}

}  // namespace

QJsonObject PublishRecord::toJson() const
{
    QJsonObject o{{QStringLiteral("kind"), kind == Kind::Batch ? QStringLiteral("batch") : QStringLiteral("trigger")},
                  {QStringLiteral("time"), time.toString(Qt::ISODateWithMs)}};
    if (id)
        o.insert(QStringLiteral("id"), QString::number(id));
    if (!name.isEmpty())
        o.insert(QStringLiteral("name"), name);
    if (status)
        o.insert(QStringLiteral("status"), status);
    if (kind == Kind::Batch) {
        QJsonArray rows;
        for (const PublishBatchRow &row : batch)
            rows.append(QJsonObject{{QStringLiteral("channel"), row.channel},
                                    {QStringLiteral("event"), row.event},
                                    {QStringLiteral("data"), row.data}});
        o.insert(QStringLiteral("batch"), rows);
    } else {
        o.insert(QStringLiteral("channels"), QJsonArray::fromStringList(channels));
        o.insert(QStringLiteral("event"), event);
        o.insert(QStringLiteral("data"), data);
        o.insert(QStringLiteral("excludeMe"), excludeMe);
        o.insert(QStringLiteral("info"), QJsonArray::fromStringList(info));
    }
    o.insert(QStringLiteral("plainString"), plainString);
    return o;
}

PublishRecord PublishRecord::fromJson(const QJsonObject &o)
{
    PublishRecord r;
    r.kind = o.value(QStringLiteral("kind")).toString() == QLatin1String("batch") ? Kind::Batch : Kind::Trigger;
    r.id = o.value(QStringLiteral("id")).toString().toULongLong();
    r.name = o.value(QStringLiteral("name")).toString();
    r.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    r.status = o.value(QStringLiteral("status")).toInt();
    r.plainString = o.value(QStringLiteral("plainString")).toBool();
    for (const QJsonValue &v : o.value(QStringLiteral("channels")).toArray())
        r.channels << v.toString();
    r.event = o.value(QStringLiteral("event")).toString();
    r.data = o.value(QStringLiteral("data")).toString();
    r.excludeMe = o.value(QStringLiteral("excludeMe")).toBool();
    for (const QJsonValue &v : o.value(QStringLiteral("info")).toArray())
        r.info << v.toString();
    for (const QJsonValue &v : o.value(QStringLiteral("batch")).toArray()) {
        const QJsonObject row = v.toObject();
        r.batch.append({row.value(QStringLiteral("channel")).toString(), row.value(QStringLiteral("event")).toString(),
                        row.value(QStringLiteral("data")).toString()});
    }
    return r;
}

QString PublishRecord::summary() const
{
    if (kind == Kind::Batch) {
        QStringList events;
        for (const PublishBatchRow &row : batch)
            events << row.event;
        events.removeDuplicates();
        return tr("batch of %1: %2").arg(batch.size()).arg(events.join(QStringLiteral(", ")));
    }
    return QStringLiteral("%1 → %2").arg(event, channels.join(QStringLiteral(" ")));
}

PublishHistory::PublishHistory(QString group) : m_group(std::move(group)) { reload(); }

void PublishHistory::setSettings(QSettings *settings)
{
    m_settings = settings;
    reload();
}

void PublishHistory::reload()
{
    withSettings(m_settings, [this](QSettings &settings) {
        settings.beginGroup(m_group);
        m_history = fromArray(settings.value(QStringLiteral("history")).toString().toUtf8());
        m_templates = fromArray(settings.value(QStringLiteral("templates")).toString().toUtf8());
        settings.endGroup();
    });
    m_nextId = 1;
    for (const PublishRecord &r : std::as_const(m_history))
        m_nextId = qMax(m_nextId, r.id + 1);
}

quint64 PublishHistory::addHistory(PublishRecord record)
{
    record.id = m_nextId++;
    record.name.clear();
    if (!record.time.isValid())
        record.time = QDateTime::currentDateTime();
    m_history.prepend(record);
    while (m_history.size() > kMaxHistory)
        m_history.removeLast();
    save();
    return record.id;
}

void PublishHistory::setStatus(quint64 id, int status)
{
    for (PublishRecord &r : m_history) {
        if (r.id == id) {
            r.status = status;
            save();
            return;
        }
    }
}

void PublishHistory::removeHistory(quint64 id)
{
    m_history.removeIf([id](const PublishRecord &r) { return r.id == id; });
    save();
}

void PublishHistory::clearHistory()
{
    m_history.clear();
    save();
}

const PublishRecord *PublishHistory::historyEntry(quint64 id) const
{
    for (const PublishRecord &r : m_history) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

void PublishHistory::saveTemplate(const QString &name, PublishRecord record)
{
    record.name = name;
    record.id = 0;
    record.status = 0;
    record.time = QDateTime::currentDateTime();
    m_templates.removeIf([&name](const PublishRecord &r) { return r.name == name; });
    m_templates.append(record);
    std::sort(m_templates.begin(), m_templates.end(), [](const PublishRecord &a, const PublishRecord &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    save();
}

void PublishHistory::removeTemplate(const QString &name)
{
    m_templates.removeIf([&name](const PublishRecord &r) { return r.name == name; });
    save();
}

const PublishRecord *PublishHistory::templateEntry(const QString &name) const
{
    for (const PublishRecord &r : m_templates) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}

void PublishHistory::save() const
{
    withSettings(m_settings, [this](QSettings &settings) {
        settings.beginGroup(m_group);
        settings.setValue(QStringLiteral("history"),
                          QString::fromUtf8(QJsonDocument(toArray(m_history)).toJson(QJsonDocument::Compact)));
        settings.setValue(QStringLiteral("templates"),
                          QString::fromUtf8(QJsonDocument(toArray(m_templates)).toJson(QJsonDocument::Compact)));
        settings.endGroup();
    });
}

}  // namespace cs::ui
