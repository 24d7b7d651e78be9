#include "profilestore.h"
#include "profilemanager.h"

#include "profileeditor.h"
#include "profilefields.h"

#include <QFrame>
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
    : QWidget(parent),
      m_store(store),
      m_list(new QListWidget(this)),
      m_editor(new ProfileEditor(store, this))
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
    auto *editorSide = new QWidget(splitter);
    auto *editorLayout = new QVBoxLayout(editorSide);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(buildUnsavedBar());
    editorLayout->addWidget(m_editor, 1);
    splitter->addWidget(editorSide);
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
        // The edits of a deleted profile have nothing left to be saved into.
        if (m_store)
            showProfile(m_store->currentProfileId());
    });
    // Saved (or reset) in the editor itself: nothing left to ask about.
    connect(m_editor, &ProfileEditor::dirtyChanged, this, [this](bool dirty) {
        if (!dirty)
            closeUnsavedQuestion();
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
        const QString where = p.preset == ServerPreset::Pusher
                                  ? QStringLiteral("cluster %1").arg(p.credentials.cluster)
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
    if (!m_store->contains(id))
        return;
    if (m_editor->profileId() == id) {
        // Re-selecting the profile shown (after a save, a refresh) keeps the editor's state and messages.
        m_keepNew = false;
        m_store->setCurrentProfileId(id);
        Q_EMIT currentProfileChanged(id);
        return;
    }
    if (m_editor->isDirty()) {
        selectEditedRow();  // until the user decides, the list says what the editor shows
        afterUnsavedEdits([this, id] { showProfile(id); });
        return;
    }
    showProfile(id);
}

void ProfileManagerWidget::showProfile(const QString &id)
{
    const auto profile = m_store ? m_store->profile(id) : std::nullopt;
    if (!profile)
        return;
    closeUnsavedQuestion();
    m_keepNew = false;
    if (m_editor->profileId() != id)
        m_editor->setProfile(*profile);
    selectEditedRow();
    m_store->setCurrentProfileId(id);
    Q_EMIT currentProfileChanged(id);
}

void ProfileManagerWidget::selectEditedRow()
{
    int row = -1;
    for (int r = 0; r < m_list->count(); ++r)
        if (m_list->item(r)->data(IdRole).toString() == m_editor->profileId())
            row = r;
    if (m_list->currentRow() == row)
        return;
    m_refreshing = true;
    m_list->setCurrentRow(row);
    m_refreshing = false;
}

// --- Unsaved edits -------------------------------------------------------------------------------

QWidget *ProfileManagerWidget::buildUnsavedBar()
{
    auto *bar = new QFrame(this);
    bar->setObjectName(QStringLiteral("unsavedBar"));
    bar->setFrameShape(QFrame::StyledPanel);
    bar->setAutoFillBackground(true);
    bar->setBackgroundRole(QPalette::AlternateBase);
    auto *column = new QVBoxLayout(bar);
    m_unsavedText = new MessageLabel(QStringLiteral("unsavedText"), bar);
    column->addWidget(m_unsavedText);
    auto *buttons = new QHBoxLayout;
    auto *save = new QPushButton(tr("Save"), bar);
    save->setObjectName(QStringLiteral("unsavedSaveButton"));
    save->setToolTip(tr("Save the edits, then go on"));
    auto *discard = new QPushButton(tr("Discard"), bar);
    discard->setObjectName(QStringLiteral("unsavedDiscardButton"));
    discard->setToolTip(tr("Forget the edits, then go on"));
    auto *cancel = new QPushButton(tr("Cancel"), bar);
    cancel->setObjectName(QStringLiteral("unsavedCancelButton"));
    cancel->setToolTip(tr("Stay on the edited profile"));
    buttons->addWidget(save);
    buttons->addWidget(discard);
    buttons->addWidget(cancel);
    buttons->addStretch();
    column->addLayout(buttons);
    bar->setVisible(false);
    m_unsavedBar = bar;

    connect(save, &QPushButton::clicked, this, [this] { answerUnsaved(true); });
    connect(discard, &QPushButton::clicked, this, [this] { answerUnsaved(false); });
    connect(cancel, &QPushButton::clicked, this, &ProfileManagerWidget::closeUnsavedQuestion);
    return bar;
}

bool ProfileManagerWidget::isAskingAboutUnsavedEdits() const { return m_unsavedBar->isVisibleTo(this); }

void ProfileManagerWidget::afterUnsavedEdits(std::function<void()> proceed)
{
    if (!m_editor->isDirty()) {
        proceed();
        return;
    }
    m_afterUnsaved = std::move(proceed);  // a second choice replaces the first
    const QString name = m_editor->profile().name;
    m_unsavedText->setMessage(
        tr("“%1” has unsaved changes. Save them first?").arg(name.isEmpty() ? tr("This profile") : name),
        Tone::Warning);
    m_unsavedBar->setVisible(true);
}

void ProfileManagerWidget::answerUnsaved(bool save)
{
    std::function<void()> proceed = std::move(m_afterUnsaved);
    m_afterUnsaved = nullptr;
    if (save) {
        m_editor->save();
        if (m_editor->isDirty()) {  // not saved: the editor says why; keep asking
            m_afterUnsaved = std::move(proceed);
            return;
        }
    }
    closeUnsavedQuestion();
    if (proceed)
        proceed();
}

void ProfileManagerWidget::closeUnsavedQuestion()
{
    m_afterUnsaved = nullptr;
    m_unsavedBar->setVisible(false);
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
    afterUnsavedEdits([this] {
        m_keepNew = true;
        m_editor->setProfile(Profile::create(tr("New profile"), ServerPreset::Pusher));
        selectEditedRow();
    });
}

void ProfileManagerWidget::duplicateProfile()
{
    Profile copy = m_editor->profile();
    copy.id = Profile::newId();
    copy.name = tr("%1 (copy)").arg(copy.name);
    // The copy carries the edits along: nothing is lost, nothing to ask.
    closeUnsavedQuestion();
    m_keepNew = true;
    m_editor->setProfile(copy);
    selectEditedRow();
}

}  // namespace cs::ui
