//! The check texts, English and French side by side (see i18n/mod.rs).

super::texts! {
}
