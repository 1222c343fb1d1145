namespace Imaging.Phantoms.Spine.Anatomy;

/// <summary>Where a vertebra belongs: its region decides its size, its posterior elements and whether it carries ribs.</summary>
internal enum SpineRegion
{
    Cervical,
    Thoracic,
    Lumbar,
    Sacral,
}
