#pragma once
// What the publish panel sent (history, newest first, capped) and what the user named
// (templates), kept in QSettings as JSON so that both survive a restart.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

class QSettings;

namespace cs::ui {

struct PublishBatchRow {
    QString channel;
    QString event;
    QString data;
};

struct PublishRecord {
    enum class Kind { Trigger, Batch };

    Kind kind = Kind::Trigger;
    quint64 id = 0;            // history entries: unique within the settings
    QString name;              // templates: the name
    QDateTime time;            // when sent (history) or saved (template)
    QStringList channels;      // trigger
    QString event;             // trigger
    QString data;              // trigger
    bool plainString = false;  // data sent as a plain string (no JSON check)
    bool excludeMe = false;
    QStringList info;  // user_count, subscription_count
    QList<PublishBatchRow> batch;
    int status = 0;  // last answer: HTTP status, -1 local/network error, 0 none yet

    QJsonObject toJson() const;
    static PublishRecord fromJson(const QJsonObject &object);
    // "greet → public-news, public-other" / "batch of 3 events"
    QString summary() const;
};

class PublishHistory {
public:
    static constexpr int kMaxHistory = 50;

    // Keys live under `group` in the default QSettings until setSettings() names others.
    explicit PublishHistory(QString group = QStringLiteral("publish"));

    // The window's settings (null: the default QSettings); reloads from them.
    void setSettings(QSettings *settings);
    void reload();

    const QList<PublishRecord> &history() const { return m_history; }      // newest first
    const QList<PublishRecord> &templates() const { return m_templates; }  // by name

    // Adds at the front (oldest dropped past kMaxHistory); returns the id given to it.
    quint64 addHistory(PublishRecord record);
    void setStatus(quint64 id, int status);
    void removeHistory(quint64 id);
    void clearHistory();
    const PublishRecord *historyEntry(quint64 id) const;

    // Replaces a template with the same name.
    void saveTemplate(const QString &name, PublishRecord record);
    void removeTemplate(const QString &name);
    const PublishRecord *templateEntry(const QString &name) const;

private:
    void save() const;

    QString m_group;
    QSettings *m_settings = nullptr;
    QList<PublishRecord> m_history;
    QList<PublishRecord> m_templates;
    quint64 m_nextId = 1;
};

}  // namespace cs::ui
