//! Detached CMS (PKCS#7) signatures, as Apple Wallet wants for a pass's
//! manifest: SignedData without the content, the signer's certificate and
//! the intermediate in `certificates`, signed attributes (content type,
//! signing time, message digest) signed with RSA PKCS#1 v1.5 / SHA-256.

use std::time::SystemTime;

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::db::rfc5911::{
    ID_CONTENT_TYPE, ID_DATA, ID_MESSAGE_DIGEST, ID_SIGNED_DATA, ID_SIGNING_TIME,
};
use const_oid::db::rfc5912::{ID_SHA_256, RSA_ENCRYPTION};
use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec};
use der::Encode;
use ring::signature::RsaKeyPair;
use x509_cert::attr::Attribute;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::time::Time;
use x509_cert::Certificate;

use crate::keys::sign;
use crate::WalletError;

fn encoding(e: der::Error) -> WalletError {
    WalletError::Encoding(e.to_string())
}

/// One attribute with one value.
fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, WalletError> {
    let mut values = SetOfVec::new();
    values.insert(value).map_err(encoding)?;
    Ok(Attribute { oid, values })
}

/// The DER of a detached signature of `content` by `signer` (whose key is
/// `key`), carrying `chain` (the signer's certificate first).
pub(crate) fn detached_signature(
    content: &[u8],
    signer: &Certificate,
    key: &RsaKeyPair,
    chain: &[Certificate],
    now: SystemTime,
) -> Result<Vec<u8>, WalletError> {
    let sha256 = AlgorithmIdentifierOwned {
        oid: ID_SHA_256,
        parameters: None,
    };
    let digest = ring::digest::digest(&ring::digest::SHA256, content);
    let signing_time = Time::try_from(now).map_err(encoding)?;

    let mut signed_attrs = SetOfVec::new();
    for attr in [
        attribute(
            ID_CONTENT_TYPE,
            Any::encode_from(&ID_DATA).map_err(encoding)?,
        )?,
        attribute(
            ID_SIGNING_TIME,
            Any::encode_from(&signing_time).map_err(encoding)?,
        )?,
        attribute(
            ID_MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.as_ref()).map_err(encoding)?)
                .map_err(encoding)?,
        )?,
    ] {
        signed_attrs.insert(attr).map_err(encoding)?;
    }
    // What is signed is the DER of the attributes as a SET (RFC 5652 §5.4).
    let to_sign = signed_attrs.to_der().map_err(encoding)?;
    let signature = sign(key, &to_sign)?;

    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: signer.tbs_certificate.issuer.clone(),
            serial_number: signer.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256.clone(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        },
        signature: OctetString::new(signature).map_err(encoding)?,
        unsigned_attrs: None,
    };

    let mut certificates = SetOfVec::new();
    for cert in chain {
        certificates
            .insert(CertificateChoices::Certificate(cert.clone()))
            .map_err(encoding)?;
    }
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(sha256).map_err(encoding)?;
    let mut signer_infos = SetOfVec::new();
    signer_infos.insert(signer_info).map_err(encoding)?;

    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(certificates)),
        crls: None,
        signer_infos: SignerInfos(signer_infos),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data).map_err(encoding)?,
    }
    .to_der()
    .map_err(encoding)
}
