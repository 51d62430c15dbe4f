//! Reading the organiser's credentials: PEM certificates and RSA keys.

use der::{Decode, Tagged};
use ring::signature::{KeyPair, RsaKeyPair};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use x509_cert::Certificate;

use crate::WalletError;

fn bad(what: &str) -> WalletError {
    WalletError::Credentials(what.to_owned())
}

/// The first certificate of a PEM file, parsed, with its DER bytes.
pub(crate) fn certificate(pem: &[u8], what: &str) -> Result<(Certificate, Vec<u8>), WalletError> {
    let der = CertificateDer::pem_slice_iter(pem)
        .next()
        .ok_or_else(|| bad(&format!("{what}: no PEM certificate found")))?
        .map_err(|_| bad(&format!("{what}: unreadable PEM certificate")))?;
    let cert = Certificate::from_der(der.as_ref())
        .map_err(|_| bad(&format!("{what}: not an X.509 certificate")))?;
    Ok((cert, der.as_ref().to_vec()))
}

/// An RSA private key from PEM (PKCS#8 `PRIVATE KEY` or PKCS#1
/// `RSA PRIVATE KEY`, unencrypted).
pub(crate) fn rsa_key(pem: &[u8], what: &str) -> Result<RsaKeyPair, WalletError> {
    let key = PrivateKeyDer::from_pem_slice(pem)
        .map_err(|_| bad(&format!("{what}: no unencrypted PEM private key found")))?;
    let pair = match &key {
        PrivateKeyDer::Pkcs8(k) => RsaKeyPair::from_pkcs8(k.secret_pkcs8_der()),
        PrivateKeyDer::Pkcs1(k) => RsaKeyPair::from_der(k.secret_pkcs1_der()),
        _ => return Err(bad(&format!("{what}: the key must be an RSA key"))),
    };
    pair.map_err(|e| bad(&format!("{what}: unusable RSA key ({e})")))
}

/// Whether `key` is the private half of `cert`'s public key (an RSA
/// certificate's key bits are the PKCS#1 public key ring also gives).
pub(crate) fn matches(cert: &Certificate, key: &RsaKeyPair) -> bool {
    let spki = &cert.tbs_certificate.subject_public_key_info;
    spki.subject_public_key.raw_bytes() == key.public_key().as_ref()
}

/// The text of the first subject attribute with this type, if any.
pub(crate) fn subject_attribute(
    cert: &Certificate,
    oid: der::oid::ObjectIdentifier,
) -> Option<String> {
    cert.tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid)
        .and_then(|atv| directory_string(&atv.value))
}

/// The text of a directory string: UTF-8, printable or IA5 strings as
/// they are, BMP strings from UTF-16.
fn directory_string(value: &der::Any) -> Option<String> {
    let bytes = value.value();
    if value.tag() == der::Tag::BmpString {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16(&units).ok();
    }
    std::str::from_utf8(bytes).ok().map(str::to_owned)
}

/// An RSA PKCS#1 v1.5 SHA-256 signature.
pub(crate) fn sign(key: &RsaKeyPair, message: &[u8]) -> Result<Vec<u8>, WalletError> {
    let rng = ring::rand::SystemRandom::new();
    let mut signature = vec![0; key.public().modulus_len()];
    key.sign(
        &ring::signature::RSA_PKCS1_SHA256,
        &rng,
        message,
        &mut signature,
    )
    .map_err(|_| WalletError::Signing)?;
    Ok(signature)
}
