#include "profilemanager.h"

#include "profileeditor.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace cs::ui {

namespace {
constexpr int IdRole = Qt::UserRole;
}

ProfileManagerWidget::ProfileManagerWidget(ProfileStore *store, QWidget *parent)
    : QWidget(parent), m_store(store), m_list(new QListWidget(this)), m_editor(new ProfileEditor(store, this))
{
    setObjectName(QStringLiteral("profileManager"));
    auto *layout = new QHBoxLayout(this);
    // List above the editor: the dock stays narrow enough to share the window with the log.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    layout->addWidget(splitter);

    auto *side = new QWidget(splitter);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setToolTip(tr("Your profiles; the selected one is used when connecting"));
    sideLayout->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("&New"), side);
    add->setObjectName(QStringLiteral("newProfileButton"));
    add->setToolTip(tr("Start a new profile (hosted Pusher preset); it is stored when you save it"));
    auto *duplicate = new QPushButton(tr("D&uplicate"), side);
    duplicate->setObjectName(QStringLiteral("duplicateProfileButton"));
    duplicate->setToolTip(tr("Start a new profile from a copy of the one shown, secret included"));
    buttons->addWidget(add);
    buttons->addWidget(duplicate);
    sideLayout->addLayout(buttons);
    splitter->addWidget(side);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({120, 600});

    connect(add, &QPushButton::clicked, this, &ProfileManagerWidget::newProfile);
    connect(duplicate, &QPushButton::clicked, this, &ProfileManagerWidget::duplicateProfile);
    connect(m_list, &QListWidget::currentItemChanged, this, &ProfileManagerWidget::onSelectionChanged);
    connect(m_editor, &ProfileEditor::connectRequested, this, &ProfileManagerWidget::connectRequested);
    connect(m_editor, &ProfileEditor::profileSaved, this, [this](const QString &id) {
        refreshList();
        selectProfile(id);
    });
    connect(m_editor, &ProfileEditor::profileDeleted, this, [this] {
        if (m_store)
            selectProfile(m_store->currentProfileId());
    });
    if (store) {
        connect(store, &ProfileStore::profilesChanged, this, &ProfileManagerWidget::refreshList);
        connect(store, &ProfileStore::profileLoaded, this, &ProfileManagerWidget::onProfileLoaded);
        refreshList();
        selectProfile(store->currentProfileId());
    }
}

void ProfileManagerWidget::refreshList()
{
    if (!m_store)
        return;
    const QString selected = selectedProfileId();
    m_refreshing = true;
    m_list->clear();
    for (const Profile &p : m_store->profiles()) {
        auto *item = new QListWidgetItem(p.name, m_list);
        item->setData(IdRole, p.id);
        const QString where = p.preset == ServerPreset::Pusher ? QStringLiteral("cluster %1").arg(p.credentials.cluster)
                                                               : QStringLiteral("%1:%2").arg(p.credentials.wsHost()).arg(p.credentials.wsPort());
        item->setToolTip(QStringLiteral("%1 — %2, key %3").arg(serverPresetLabel(p.preset), where, p.credentials.key));
    }
    m_refreshing = false;
    // An unsaved new profile (New, Duplicate, an import) has no row: keep it, without a selection.
    if (m_editor->isNew() && (m_editor->isDirty() || m_keepNew))
        return;
    const QString shown = m_editor->profileId();
    selectProfile(m_store->contains(shown) ? shown : selected.isEmpty() ? m_store->currentProfileId() : selected);
}

void ProfileManagerWidget::selectProfile(const QString &id)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(IdRole).toString() == id) {
            if (m_list->currentRow() != row)
                m_list->setCurrentRow(row);
            else if (m_editor->profileId() != id)
                onSelectionChanged();
            return;
        }
    }
}

QString ProfileManagerWidget::selectedProfileId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(IdRole).toString() : QString();
}

void ProfileManagerWidget::onSelectionChanged()
{
    if (m_refreshing || !m_store)
        return;
    const QString id = selectedProfileId();
    const auto profile = m_store->profile(id);
    if (!profile)
        return;
    m_keepNew = false;
    // Re-selecting the profile shown (after a save) keeps the editor's state and messages.
    if (m_editor->profileId() != id)
        m_editor->setProfile(*profile);
    m_store->setCurrentProfileId(id);
    Q_EMIT currentProfileChanged(id);
}

void ProfileManagerWidget::onProfileLoaded(const QString &id)
{
    // The secret arrives after the fields: show it unless the user is already editing.
    if (m_store && m_editor->profileId() == id && !m_editor->isDirty())
        if (const auto profile = m_store->profile(id))
            m_editor->setProfile(*profile);
}

void ProfileManagerWidget::newProfile()
{
    m_list->setCurrentRow(-1);
    m_keepNew = true;
    m_editor->setProfile(Profile::create(tr("New profile"), ServerPreset::Pusher));
}

void ProfileManagerWidget::duplicateProfile()
{
    Profile copy = m_editor->profile();
    copy.id = Profile::newId();
    copy.name = tr("%1 (copy)").arg(copy.name);
    m_list->setCurrentRow(-1);
    m_keepNew = true;
    m_editor->setProfile(copy);
}

} // namespace cs::ui
