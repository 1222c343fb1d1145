namespace Imaging.Analysis.Spine.Ct;

/// <summary>Where one vertebral body may lie: between two planes across the canal line (the discs' mid planes, normals
/// cranial), in front of the bodies' posterior wall, within a lateral distance of the canal's sagittal plane. Grid mm.</summary>
internal readonly record struct BodyRegion(
    Vec3 LowerPoint, Vec3 LowerNormal, Vec3 UpperPoint, Vec3 UpperNormal,
    Vec3 Origin, Vec3 Anterior, Vec3 Lateral, double WallMm, double MaximumLateralMm)
{
    public bool Contains(Vec3 p)
    {
        if ((p - LowerPoint).Dot(LowerNormal) <= 0 || (p - UpperPoint).Dot(UpperNormal) >= 0) return false;
        var offset = p - Origin;
        var anterior = offset.Dot(Anterior);
        return anterior >= WallMm - 1.5 && anterior <= WallMm + 70 && Math.Abs(offset.Dot(Lateral)) <= MaximumLateralMm;
    }
}
