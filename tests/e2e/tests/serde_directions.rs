//! Which serde traits the generated types implement: the direction the client uses, and the
//! other one only with the crate's `serde-both-ways` feature. This crate turns the feature on
//! for the Zoom client and leaves it off for the wire client.

use std::marker::PhantomData;

/// `Probe::<T>::SERIALIZE` is `true` when `T: Serialize`, else `false`: an inherent constant,
/// which exists only under its bound, is chosen before a trait's, which always exists.
struct Probe<T>(PhantomData<T>);

trait Fallback {
    const SERIALIZE: bool = false;
    const DESERIALIZE: bool = false;
}

impl<T> Fallback for Probe<T> {}

impl<T: serde::Serialize> Probe<T> {
    const SERIALIZE: bool = true;
}

impl<T: serde::de::DeserializeOwned> Probe<T> {
    const DESERIALIZE: bool = true;
}

/// `(implements Serialize, implements DeserializeOwned)` for a concrete type.
macro_rules! serde_traits {
    ($type:ty) => {
        (Probe::<$type>::SERIALIZE, Probe::<$type>::DESERIALIZE)
    };
}

const SERIALIZE_ONLY: (bool, bool) = (true, false);
const DESERIALIZE_ONLY: (bool, bool) = (false, true);
const BOTH: (bool, bool) = (true, true);

#[test]
fn without_the_feature_a_type_derives_only_the_direction_it_is_used_in() {
    use wire::types::{CreateTokenResponse, GetSigningKeysResponseKey, UpdateOrderBody};
    // A success body and a struct nested in one: received only.
    assert_eq!(serde_traits!(CreateTokenResponse), DESERIALIZE_ONLY);
    assert_eq!(serde_traits!(GetSigningKeysResponseKey), DESERIALIZE_ONLY);
    // A request body: sent only.
    assert_eq!(serde_traits!(UpdateOrderBody), SERIALIZE_ONLY);
}

#[test]
fn with_the_feature_every_type_derives_both() {
    use zoom_api::types::{CreateMeetingBody, CreateMeetingResponse, GetUserResponse};
    assert_eq!(serde_traits!(CreateMeetingBody), BOTH);
    assert_eq!(serde_traits!(CreateMeetingResponse), BOTH);
    assert_eq!(serde_traits!(GetUserResponse), BOTH);
}
