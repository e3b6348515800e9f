"""Draw the "photos" of the sample audit (resources/samples/*/photos/*.png).

The sample case is fictional, so its evidence pictures are drawn, not photographed:
sketches of what an auditor would photograph, with no people and no real content. The
PNGs are committed; run this again only to change them:

    .venv/bin/python tools/make_sample_images.py

Pillow comes with reportlab, so this needs nothing beyond the project's dependencies.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "resources" / "samples" / "kivuko-nairobi" / "photos"

INK = (38, 41, 46)
PAPER = (250, 248, 242)
RED = (196, 40, 40)
GREEN = (24, 128, 72)
GREY = (128, 132, 138)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def caption(draw: ImageDraw.ImageDraw, width: int, height: int, text: str) -> None:
    """A strip along the bottom, as an auditor's annotated photo would have."""
    draw.rectangle((0, height - 54, width, height), fill=(20, 22, 26))
    draw.text((18, height - 42), text, fill=(240, 240, 240), font=font(20))


def blocked_exit() -> Image.Image:
    width, height = 1000, 700
    image = Image.new("RGB", (width, height), (214, 210, 200))
    draw = ImageDraw.Draw(image)
    # Corridor in perspective: floor, side walls, back wall with the exit door.
    draw.polygon([(0, 646), (1000, 646), (700, 430), (300, 430)], fill=(150, 140, 125))
    draw.polygon([(0, 0), (300, 120), (300, 430), (0, 646)], fill=(196, 192, 182))
    draw.polygon([(1000, 0), (700, 120), (700, 430), (1000, 646)], fill=(186, 182, 172))
    draw.rectangle((300, 120, 700, 430), fill=(226, 222, 212))
    draw.rectangle((420, 190, 580, 430), fill=(120, 130, 140), outline=INK, width=3)
    draw.line((432, 320, 568, 320), fill=(200, 200, 200), width=8)  # push bar
    draw.rectangle((440, 140, 560, 178), fill=GREEN)
    draw.text((462, 146), "EXIT", fill="white", font=font(28))
    # Stacked equipment boxes and a trolley in front of the door.
    boxes = [
        (360, 330, 480, 430),
        (480, 340, 600, 430),
        (380, 250, 500, 330),
        (500, 265, 610, 340),
        (430, 190, 540, 250),
    ]
    for left, top, right, bottom in boxes:
        draw.rectangle(
            (left, top, right, bottom), fill=(181, 140, 90), outline=(110, 80, 45), width=3
        )
        draw.line(
            (left, (top + bottom) // 2, right, (top + bottom) // 2), fill=(150, 110, 65), width=2
        )
        draw.text((left + 10, top + 8), 'MONITOR 24"', fill=(90, 60, 30), font=font(14))
    draw.rectangle((610, 360, 690, 430), outline=INK, width=4)
    draw.line((690, 360, 705, 320), fill=INK, width=4)
    # Auditor's annotation.
    draw.ellipse((330, 170, 640, 450), outline=RED, width=6)
    draw.text((660, 200), "exit door cannot\nbe opened fully", fill=RED, font=font(24))
    caption(
        draw,
        width,
        height,
        "Emergency exit, east stair, 4th floor: blocked by stacked boxes (observed day 1, 10:40)",
    )
    return image


def tool_screen() -> Image.Image:
    width, height = 1200, 760
    image = Image.new("RGB", (width, height), (236, 239, 243))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 56), fill=(44, 62, 92))
    draw.text((20, 14), "ReviewDesk", fill="white", font=font(26))
    draw.text(
        (230, 18),
        "Queue: Graphic violence L2   |   Backlog 1,284   |   Moderator ID hidden",
        fill=(210, 220, 235),
        font=font(20),
    )
    # The item pane: the frame is shown in full colour with no blur. Replaced here by an
    # abstract placeholder: the sample never reproduces disturbing content.
    draw.rectangle((30, 86, 760, 600), fill=(24, 18, 18), outline=INK, width=2)
    for index, colour in enumerate([(120, 20, 20), (160, 40, 30), (90, 10, 10), (140, 60, 40)]):
        left = 80 + index * 150
        draw.ellipse(
            (left, 200 + (index % 2) * 90, left + 200, 420 + (index % 2) * 60), fill=colour
        )
    draw.rectangle((150, 300, 640, 380), fill=(250, 250, 250))
    draw.text(
        (168, 312),
        "[placeholder: frame shown unblurred,\n in colour, sound on]",
        fill=INK,
        font=font(22),
    )
    # Safeguard switches, all off by default.
    draw.text((800, 96), "Safeguards", fill=INK, font=font(24))
    for row, (label, state) in enumerate(
        [("Blur", "OFF"), ("Greyscale", "OFF"), ("Mute audio", "n/a"), ("Click to reveal", "n/a")]
    ):
        top = 140 + row * 52
        draw.text((800, top), label, fill=INK, font=font(20))
        on = state == "ON"
        draw.rounded_rectangle(
            (1010, top - 4, 1110, top + 30), radius=16, fill=GREEN if on else (200, 204, 210)
        )
        draw.text((1030, top), state, fill="white" if on else INK, font=font(18))
    # Pace pressure: countdown and speed counter.
    draw.rectangle((800, 370, 1170, 470), fill=(255, 236, 236), outline=RED, width=3)
    draw.text((820, 382), "Time left on item", fill=RED, font=font(20))
    draw.text((820, 412), "00:14", fill=RED, font=font(40))
    draw.text((800, 500), "Items per hour: 212 / target 240", fill=INK, font=font(20))
    draw.text((800, 530), "Quality score (7 days): 96.1 %", fill=INK, font=font(20))
    draw.text(
        (800, 560),
        "When the timer reaches 0 the item returns\nto the queue and the decision is discarded.",
        fill=GREY,
        font=font(16),
    )
    draw.rectangle((30, 620, 760, 680), fill="white", outline=GREY)
    draw.text(
        (46, 636),
        "Decision:  [ Remove ]   [ Age-restrict ]   [ Leave up ]   [ Escalate ]",
        fill=INK,
        font=font(20),
    )
    caption(
        draw,
        width,
        height,
        "Mock of the moderation tool seen at a moderator's desk: "
        "safeguards off by default, 20-second countdown",
    )
    return image


def notice_board() -> Image.Image:
    width, height = 1000, 700
    image = Image.new("RGB", (width, height), (168, 124, 78))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 980, 630), fill=(196, 152, 100), outline=(110, 75, 40), width=10)
    notices = [
        (
            (60, 60, 470, 330),
            "OVERTIME ROSTER - WEEK 47",
            "Saturday shift 08:00-14:00 is\nCOMPULSORY for teams B and D.\n"
            "Absences will be recorded and\nreviewed with your team lead.\n- Operations",
        ),
        (
            (520, 60, 940, 250),
            "WELLNESS SESSION",
            "Thursday 14:00, training room 2.\nGroup session, all welcome.\n"
            "Please log the hour as 'idle'.",
        ),
        (
            (520, 290, 940, 560),
            "TUVUKE STAFFING - NOTICE",
            "Placement fee balances will\ncontinue to be recovered from\n"
            "November pay (KES 1,500 per\nmonth until cleared).",
        ),
        (
            (60, 370, 470, 590),
            "GRIEVANCES",
            "Write to HR or use the box\noutside the HR office.\nWe reply within 10 working days.",
        ),
    ]
    for box, title, body in notices:
        draw.rectangle(box, fill=PAPER, outline=GREY, width=2)
        left, top = box[0] + 18, box[1] + 16
        draw.ellipse((box[0] + 190, box[1] - 8, box[0] + 206, box[1] + 8), fill=RED)
        draw.text((left, top), title, fill=INK, font=font(22))
        draw.text((left, top + 40), body, fill=INK, font=font(19))
    caption(draw, width, height, "Notice board beside the work floor entrance (photographed day 1)")
    return image


def payslip_excerpt() -> Image.Image:
    width, height = 900, 620
    image = Image.new("RGB", (width, height), (225, 225, 222))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 30, 860, 560), fill="white", outline=GREY, width=2)
    draw.text((70, 50), "PAYSLIP  October 2026", fill=INK, font=font(26))
    draw.rectangle((70, 96, 470, 126), fill=INK)
    draw.text((480, 100), "<- name and staff number hidden; sample P-03", fill=RED, font=font(16))
    rows = [
        ("Employer of record", "Tuvuke Staffing"),
        ("Assignment", "Kivuko - image tagging"),
        ("Hours paid", "176.0"),
        ("Gross pay", "19,800.00"),
        ("PAYE / social security / health", "1,900.00"),
        ("Placement fee recovery (3 of 4)", "1,500.00"),
        ("Net pay", "16,400.00"),
    ]
    for index, (label, amount) in enumerate(rows):
        top = 150 + index * 44
        draw.line((70, top + 34, 830, top + 34), fill=(220, 220, 220), width=1)
        draw.text((70, top), label, fill=INK, font=font(20))
        draw.text((600, top), amount, fill=INK, font=font(20))
    draw.rectangle((62, 364, 838, 402), outline=RED, width=4)
    caption(
        draw,
        width,
        height,
        "Worker's own payslip, shown with consent: a recruitment fee deducted from wages",
    )
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    drawings = {
        "blocked_exit.png": blocked_exit,
        "moderation_tool.png": tool_screen,
        "notice_board.png": notice_board,
        "payslip_p03.png": payslip_excerpt,
    }
    for name, draw in drawings.items():
        draw().save(OUT / name, optimize=True)
        print(OUT / name)


if __name__ == "__main__":
    main()
