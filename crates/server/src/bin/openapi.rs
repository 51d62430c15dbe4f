//! Prints the OpenAPI document of the API (used to generate the web UI's types).

fn main() {
    println!("{}", qr_event_http::openapi_json());
}
