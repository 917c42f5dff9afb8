//! Every user-visible string of the app shell in Korean and English, from one table.

use serde::{Deserialize, Serialize};

/// The language the UI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// 한국어.
    Ko,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code for the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    /// The other language (what the toggle switches to).
    pub fn other(self) -> Lang {
        match self {
            Lang::Ko => Lang::En,
            Lang::En => Lang::Ko,
        }
    }

    /// The language a browser language tag (`navigator.language`) asks for: Korean for `ko*`, else English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

/// A user-visible string; [`t`] gives its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Tagline,
    Scenario,
    ConfirmScenario,
    LessonScenario,
    SwitchScenario,
    Reset,
    ConfirmReset,
    Export,
    Import,
    ImportFailed,
    LanguageName,
    LanguageLabel,
    ThemeDark,
    ThemeLight,
    ClockLabel,
    Play,
    Pause,
    Step,
    Speed,
    WorkArea,
    TabTerminal,
    TabCluster,
    TabVpc,
    TabInstall,
    LessonArea,
    ResizePanes,
    StartingCluster,
    EditorTitle,
    EditorSave,
    EditorCancel,
    YamlError,
    SaveSetAside,
    Dismiss,
    PanicTitle,
    PanicBody,
    PanicRestore,
    PanicFresh,
    SearchLabel,
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: Text) -> &'static str {
    let (ko, en) = match key {
        Text::Tagline => (
            "클라우드 네이티브 학습 놀이터",
            "Cloud-native learning playground",
        ),
        Text::Scenario => ("시나리오", "Scenario"),
        Text::ConfirmScenario => (
            "시나리오를 바꾸면 새 세션이 시작되고 지금 세션은 사라집니다. 계속할까요?",
            "Switching the scenario starts a fresh session and discards this one. Continue?",
        ),
        Text::LessonScenario => (
            "이 강의의 명령은 다른 클러스터에서 실행됩니다:",
            "This lesson's commands run on another cluster:",
        ),
        Text::SwitchScenario => ("이 시나리오로 전환", "Switch to this scenario"),
        Text::Reset => ("초기화", "Reset"),
        Text::ConfirmReset => (
            "세션을 초기화하면 클러스터와 터미널 기록이 처음 상태로 돌아갑니다. 계속할까요?",
            "Resetting returns the cluster and the terminal history to a fresh start. Continue?",
        ),
        Text::Export => ("내보내기", "Export"),
        Text::Import => ("가져오기", "Import"),
        Text::ImportFailed => (
            "가져온 파일을 불러올 수 없습니다",
            "The imported file could not be loaded",
        ),
        Text::LanguageName => ("한국어", "English"),
        Text::LanguageLabel => ("언어", "Language"),
        Text::ThemeDark => ("어두운 테마", "Dark theme"),
        Text::ThemeLight => ("밝은 테마", "Light theme"),
        Text::ClockLabel => ("클러스터 시각", "Cluster time"),
        Text::Play => ("재생", "Play"),
        Text::Pause => ("일시정지", "Pause"),
        Text::Step => ("+10초", "+10 s"),
        Text::Speed => ("속도", "Speed"),
        Text::WorkArea => ("작업 영역", "Work area"),
        Text::TabTerminal => ("터미널", "Terminal"),
        Text::TabCluster => ("클러스터", "Cluster"),
        Text::TabVpc => ("VPC", "VPC"),
        Text::TabInstall => ("설치", "Install"),
        Text::LessonArea => ("학습", "Lesson"),
        Text::ResizePanes => ("창 크기 조절", "Resize panes"),
        Text::StartingCluster => ("클러스터를 시작하는 중…", "starting cluster…"),
        Text::EditorTitle => ("편집", "Editing"),
        Text::EditorSave => ("저장", "Save"),
        Text::EditorCancel => ("취소", "Cancel"),
        Text::YamlError => ("YAML 오류", "YAML error"),
        Text::SaveSetAside => (
            "저장된 세션을 불러올 수 없어 새 세션을 시작했습니다. 이전 저장본은 다음 키에 따로 보관했습니다:",
            "The saved session could not be loaded, so a fresh session started. The old save was set aside under the key",
        ),
        Text::Dismiss => ("닫기", "Dismiss"),
        Text::PanicTitle => ("문제가 생겼습니다", "Something went wrong"),
        Text::PanicBody => (
            "Bastion에 내부 오류가 발생했습니다. 마지막 저장본은 그대로 남아 있습니다.",
            "Bastion hit an internal error. Your last save is intact.",
        ),
        Text::PanicRestore => ("마지막 저장본 복원", "Restore last save"),
        Text::PanicFresh => (
            "저장본을 보관하고 새로 시작",
            "Set the save aside and start fresh",
        ),
        Text::SearchLabel => ("역방향 검색", "reverse-i-search"),
    };
    match lang {
        Lang::Ko => ko,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_pick_the_language() {
        assert_eq!(Lang::from_tag("ko-KR"), Lang::Ko);
        assert_eq!(Lang::from_tag("KO"), Lang::Ko);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("ja"), Lang::En);
        assert_eq!(Lang::Ko.other(), Lang::En);
    }

    #[test]
    fn both_languages_have_text() {
        for key in [
            Text::Tagline,
            Text::StartingCluster,
            Text::TabTerminal,
            Text::PanicRestore,
        ] {
            assert!(!t(Lang::Ko, key).is_empty());
            assert_ne!(t(Lang::Ko, key), t(Lang::En, key));
        }
    }
}
