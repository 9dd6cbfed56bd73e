//! Request and response types shared by the axum handlers and the Yew services.
