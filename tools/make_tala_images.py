"""Draw the evidence pictures of the sample case tala-cebu (resources/samples/tala-cebu/photos).

Like kivuko-nairobi's (tools/make_sample_images.py), the pictures are drawn sketches of
what an auditor would photograph: no people, no real content. The PNGs are committed;
run this again only to change them:

    .venv/bin/python tools/make_tala_images.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "resources" / "samples" / "tala-cebu" / "photos"

INK = (38, 41, 46)
PAPER = (250, 248, 242)
RED = (196, 40, 40)
GREEN = (24, 128, 72)
GREY = (128, 132, 138)
NAVY = (30, 58, 96)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def caption(draw: ImageDraw.ImageDraw, width: int, height: int, text: str) -> None:
    draw.rectangle((0, height - 54, width, height), fill=(20, 22, 26))
    draw.text((18, height - 42), text, fill=(240, 240, 240), font=font(20))


def taskboard() -> Image.Image:
    width, height = 1200, 760
    image = Image.new("RGB", (width, height), (236, 239, 243))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 56), fill=NAVY)
    draw.text((20, 14), "TaskBoard", fill="white", font=font(26))
    draw.text(
        (220, 18),
        "Project: LiDAR cuboids - highway   |   Frame 18,204 of 40,000   |   Annotator ID hidden",
        fill=(210, 220, 235),
        font=font(19),
    )
    # The point-cloud pane: dots and drawn cuboids, no real data.
    draw.rectangle((30, 86, 760, 600), fill=(14, 18, 28), outline=INK, width=2)
    for index in range(900):
        x = 40 + (index * 37) % 710
        y = 330 + ((index * 53) % 260) - (x - 400) ** 2 // 3000
        draw.point((x, y), fill=(90, 200, 220))
    for left, top, right, bottom in [(120, 360, 250, 440), (420, 330, 520, 395), (600, 380, 700, 450)]:
        draw.rectangle((left, top, right, bottom), outline=(250, 200, 40), width=3)
        draw.line((left, top, left + 24, top - 18), fill=(250, 200, 40), width=2)
        draw.line((right, top, right + 24, top - 18), fill=(250, 200, 40), width=2)
        draw.line((left + 24, top - 18, right + 24, top - 18), fill=(250, 200, 40), width=2)
    draw.text((46, 100), "[placeholder point cloud: 3 of 7 cuboids drawn]", fill=(200, 210, 220), font=font(18))
    # Frame lock countdown.
    draw.rectangle((800, 86, 1170, 196), fill=(255, 236, 236), outline=RED, width=3)
    draw.text((820, 98), "Frame lock expires in", fill=RED, font=font(20))
    draw.text((820, 128), "00:41", fill=RED, font=font(44))
    draw.text(
        (800, 204),
        "At 00:00 the frame returns to the pool;\nunsaved cuboids are discarded.",
        fill=GREY,
        font=font(16),
    )
    draw.text((800, 262), "Today", fill=INK, font=font(22))
    stats = [
        ("Frames per hour", "7.4  (target 9)"),
        ("Utilisation", "81 %  (breaks count as idle)"),
        ("Reliability score", "92 / 100"),
        ("Leaderboard", "#31 of 42"),
        ("Pay rate", "PHP 18.00 / frame"),
    ]
    for row, (label, value) in enumerate(stats):
        top = 300 + row * 36
        draw.text((800, top), label, fill=INK, font=font(18))
        draw.text((990, top), value, fill=INK, font=font(18))
    draw.rounded_rectangle((800, 500, 1170, 584), radius=10, fill=(255, 246, 220), outline=(200, 140, 20), width=2)
    draw.text((816, 512), "Focus mode: ON", fill=(150, 90, 0), font=font(20))
    draw.text((816, 542), "Webcam snapshot every 10 min (cannot pause)", fill=(150, 90, 0), font=font(16))
    draw.rectangle((30, 620, 760, 680), fill="white", outline=GREY)
    draw.text((46, 636), "[ Save frame ]   [ Skip - unpaid ]   [ Report a problem ]", fill=INK, font=font(20))
    caption(
        draw,
        width,
        height,
        "Mock of the TaskBoard on a home worker's shared screen: frame lock, idle breaks, webcam mode",
    )
    return image


def training_bond() -> Image.Image:
    width, height = 900, 680
    image = Image.new("RGB", (width, height), (225, 225, 222))
    draw = ImageDraw.Draw(image)
    draw.rectangle((50, 24, 850, 620), fill="white", outline=GREY, width=2)
    draw.text((80, 44), "TRAINING BOND AGREEMENT", fill=INK, font=font(28))
    draw.text((80, 84), "Tala Annotation Services Inc.  -  Tala Academy", fill=GREY, font=font(18))
    draw.rectangle((80, 116, 440, 144), fill=INK)
    draw.text((450, 120), "<- trainee's name hidden", fill=RED, font=font(16))
    clauses = [
        "3. The Company shall provide the Trainee with two (2) weeks",
        "   of instruction at the Tala Academy at no cost to the Trainee.",
        "4. Should the Trainee resign or be separated for cause within",
        "   twelve (12) months of completing the Academy, the Trainee",
        "   shall reimburse the Company the amount of PHP 20,000.00",
        "   representing training costs, payable before release of",
        "   the Trainee's final pay and certificate of employment.",
        "5. The Trainee's attendance at the Academy is not compensable",
        "   working time.",
    ]
    for index, line in enumerate(clauses):
        draw.text((80, 176 + index * 34), line, fill=INK, font=font(19))
    draw.rectangle((72, 240, 828, 412), outline=RED, width=4)
    draw.text((80, 520), "Signed: ____________      Date: day 1 of the Academy", fill=INK, font=font(18))
    caption(draw, width, height, "Training bond, clause 4 (HR file copy, names hidden): PHP 20,000 to leave")
    return image


def payout_ledger() -> Image.Image:
    width, height = 1000, 640
    image = Image.new("RGB", (width, height), (236, 239, 243))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 50), fill=NAVY)
    draw.text((20, 12), "TaskBoard  >  Payouts  >  Project Kestrel (closed 2026-10-09)", fill="white", font=font(20))
    headers = ("Batch", "Annotator", "Frames", "Amount (PHP)", "Status")
    lefts = (30, 190, 380, 520, 720)
    for left, header in zip(lefts, headers, strict=True):
        draw.text((left, 70), header, fill=INK, font=font(18))
    draw.line((30, 100, 970, 100), fill=GREY, width=2)
    rows = [
        ("K-2291", "A-0117", "64", "1,152.00", "paid"),
        ("K-2302", "A-0208", "90", "1,620.00", "paid"),
        ("K-2317", "A-0117", "72", "1,296.00", "void - client review open"),
        ("K-2318", "A-0341", "110", "1,980.00", "void - client review open"),
        ("K-2320", "A-0208", "58", "1,044.00", "void - client review open"),
        ("K-2324", "A-0095", "81", "1,458.00", "void - client review open"),
        ("K-2325", "A-0341", "47", "846.00", "void - client review open"),
    ]
    for index, row in enumerate(rows):
        top = 116 + index * 44
        void = row[4].startswith("void")
        for left, value in zip(lefts, row, strict=True):
            draw.text((left, top), value, fill=RED if void and left == 720 else INK, font=font(18))
        draw.line((30, top + 34, 970, top + 34), fill=(220, 220, 220), width=1)
    draw.rectangle((24, 196, 976, 426), outline=RED, width=4)
    draw.text((30, 450), "Void batches: 1,126      Amount not paid: PHP 1,184,350.00", fill=RED, font=font(20))
    caption(draw, width, height, "Payout ledger shown on day 2: Kestrel batches voided when the project closed")
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    drawings = {
        "taskboard.png": taskboard,
        "training_bond.png": training_bond,
        "payout_ledger.png": payout_ledger,
    }
    for name, draw in drawings.items():
        draw().save(OUT / name, optimize=True)
        print(OUT / name)


if __name__ == "__main__":
    main()
