namespace Imaging.Phantoms.Truth;

/// <summary>Anatomical anchors in anterior-frame pixels. "Right"/"left" are the patient's: the patient's right is on the
/// image left (smaller X) in the anterior frame.</summary>
public sealed record AnchorsTruth(
    PixelPoint HeadTop,
    PixelPoint Neck,
    PixelPoint RightShoulder,
    PixelPoint LeftShoulder,
    PixelPoint Pelvis,
    PixelPoint RightHip,
    PixelPoint LeftHip,
    PixelPoint RightKnee,
    PixelPoint LeftKnee,
    PixelPoint RightAnkle,
    PixelPoint LeftAnkle,
    IReadOnlyList<SpinePoint> Spine);
