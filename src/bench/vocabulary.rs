//! Word lists for the generated corpus: real administrative and political phrases of Party and
//! State documents, places, and names. Combined at random, they make bodies that differ from
//! each other the way real ones do, in the words cadres search for.

/// A province (or centrally-run city), its committee's term in 2020–2025, and some districts.
pub(crate) struct Province {
    pub name: &'static str,
    /// Centrally-run city: `THÀNH ỦY`, `THÀNH PHỐ`.
    pub city: bool,
    pub term_2020: u8,
    /// `huyện …`, `quận …`, `thành phố …` (a city under the province).
    pub districts: &'static [&'static str],
}

pub(crate) const PROVINCES: &[Province] = &[
    Province {
        name: "Hà Giang",
        city: false,
        term_2020: 17,
        districts: &[
            "huyện Quản Bạ",
            "huyện Đồng Văn",
            "huyện Mèo Vạc",
            "huyện Bắc Quang",
            "huyện Vị Xuyên",
            "huyện Hoàng Su Phì",
            "thành phố Hà Giang",
        ],
    },
    Province {
        name: "Cao Bằng",
        city: false,
        term_2020: 19,
        districts: &[
            "huyện Hà Quảng",
            "huyện Trùng Khánh",
            "huyện Bảo Lạc",
            "thành phố Cao Bằng",
        ],
    },
    Province {
        name: "Lào Cai",
        city: false,
        term_2020: 16,
        districts: &[
            "huyện Bát Xát",
            "huyện Bắc Hà",
            "huyện Mường Khương",
            "thành phố Lào Cai",
        ],
    },
    Province {
        name: "Lai Châu",
        city: false,
        term_2020: 14,
        districts: &["huyện Sìn Hồ", "huyện Phong Thổ", "huyện Tam Đường"],
    },
    Province {
        name: "Điện Biên",
        city: false,
        term_2020: 14,
        districts: &[
            "huyện Mường Nhé",
            "huyện Tuần Giáo",
            "huyện Điện Biên Đông",
            "thành phố Điện Biên Phủ",
        ],
    },
    Province {
        name: "Sơn La",
        city: false,
        term_2020: 15,
        districts: &[
            "huyện Mộc Châu",
            "huyện Thuận Châu",
            "huyện Sông Mã",
            "thành phố Sơn La",
        ],
    },
    Province {
        name: "Yên Bái",
        city: false,
        term_2020: 19,
        districts: &["huyện Mù Cang Chải", "huyện Văn Chấn", "huyện Lục Yên"],
    },
    Province {
        name: "Tuyên Quang",
        city: false,
        term_2020: 17,
        districts: &[
            "huyện Na Hang",
            "huyện Chiêm Hóa",
            "huyện Sơn Dương",
            "thành phố Tuyên Quang",
        ],
    },
    Province {
        name: "Bắc Kạn",
        city: false,
        term_2020: 12,
        districts: &["huyện Ba Bể", "huyện Chợ Đồn", "huyện Na Rì"],
    },
    Province {
        name: "Lạng Sơn",
        city: false,
        term_2020: 17,
        districts: &[
            "huyện Cao Lộc",
            "huyện Văn Lãng",
            "huyện Hữu Lũng",
            "thành phố Lạng Sơn",
        ],
    },
    Province {
        name: "Thái Nguyên",
        city: false,
        term_2020: 20,
        districts: &["huyện Đại Từ", "huyện Định Hóa", "huyện Phú Lương"],
    },
    Province {
        name: "Phú Thọ",
        city: false,
        term_2020: 19,
        districts: &["huyện Thanh Sơn", "huyện Cẩm Khê", "thành phố Việt Trì"],
    },
    Province {
        name: "Bắc Giang",
        city: false,
        term_2020: 19,
        districts: &["huyện Lục Ngạn", "huyện Yên Thế", "huyện Sơn Động"],
    },
    Province {
        name: "Quảng Ninh",
        city: false,
        term_2020: 15,
        districts: &[
            "huyện Ba Chẽ",
            "huyện Tiên Yên",
            "thành phố Hạ Long",
            "thành phố Móng Cái",
        ],
    },
    Province {
        name: "Hải Dương",
        city: false,
        term_2020: 17,
        districts: &["huyện Thanh Hà", "huyện Ninh Giang", "huyện Gia Lộc"],
    },
    Province {
        name: "Hưng Yên",
        city: false,
        term_2020: 19,
        districts: &["huyện Văn Giang", "huyện Khoái Châu", "huyện Tiên Lữ"],
    },
    Province {
        name: "Thái Bình",
        city: false,
        term_2020: 20,
        districts: &["huyện Vũ Thư", "huyện Kiến Xương", "huyện Đông Hưng"],
    },
    Province {
        name: "Nam Định",
        city: false,
        term_2020: 20,
        districts: &["huyện Giao Thủy", "huyện Hải Hậu", "huyện Ý Yên"],
    },
    Province {
        name: "Ninh Bình",
        city: false,
        term_2020: 22,
        districts: &["huyện Nho Quan", "huyện Kim Sơn", "huyện Gia Viễn"],
    },
    Province {
        name: "Thanh Hóa",
        city: false,
        term_2020: 19,
        districts: &[
            "huyện Mường Lát",
            "huyện Quan Hóa",
            "huyện Thọ Xuân",
            "huyện Nga Sơn",
        ],
    },
    Province {
        name: "Nghệ An",
        city: false,
        term_2020: 19,
        districts: &[
            "huyện Kỳ Sơn",
            "huyện Tương Dương",
            "huyện Nam Đàn",
            "huyện Quỳnh Lưu",
        ],
    },
    Province {
        name: "Hà Tĩnh",
        city: false,
        term_2020: 19,
        districts: &["huyện Hương Khê", "huyện Cẩm Xuyên", "huyện Đức Thọ"],
    },
    Province {
        name: "Quảng Bình",
        city: false,
        term_2020: 17,
        districts: &["huyện Minh Hóa", "huyện Bố Trạch", "huyện Lệ Thủy"],
    },
    Province {
        name: "Quảng Trị",
        city: false,
        term_2020: 17,
        districts: &["huyện Hướng Hóa", "huyện Đakrông", "huyện Gio Linh"],
    },
    Province {
        name: "Thừa Thiên Huế",
        city: false,
        term_2020: 16,
        districts: &["huyện A Lưới", "huyện Phong Điền", "huyện Phú Vang"],
    },
    Province {
        name: "Quảng Nam",
        city: false,
        term_2020: 22,
        districts: &["huyện Nam Trà My", "huyện Tây Giang", "huyện Duy Xuyên"],
    },
    Province {
        name: "Quảng Ngãi",
        city: false,
        term_2020: 20,
        districts: &["huyện Ba Tơ", "huyện Sơn Hà", "huyện Bình Sơn"],
    },
    Province {
        name: "Bình Định",
        city: false,
        term_2020: 20,
        districts: &["huyện An Lão", "huyện Vĩnh Thạnh", "huyện Phù Mỹ"],
    },
    Province {
        name: "Khánh Hòa",
        city: false,
        term_2020: 19,
        districts: &["huyện Khánh Sơn", "huyện Khánh Vĩnh", "huyện Vạn Ninh"],
    },
    Province {
        name: "Kon Tum",
        city: false,
        term_2020: 16,
        districts: &["huyện Đắk Glei", "huyện Kon Plông", "huyện Sa Thầy"],
    },
    Province {
        name: "Gia Lai",
        city: false,
        term_2020: 16,
        districts: &["huyện Chư Prông", "huyện Kbang", "huyện Ia Grai"],
    },
    Province {
        name: "Đắk Lắk",
        city: false,
        term_2020: 17,
        districts: &["huyện Buôn Đôn", "huyện Lắk", "huyện Ea Súp"],
    },
    Province {
        name: "Lâm Đồng",
        city: false,
        term_2020: 11,
        districts: &["huyện Lạc Dương", "huyện Đam Rông", "huyện Di Linh"],
    },
    Province {
        name: "Bình Phước",
        city: false,
        term_2020: 11,
        districts: &["huyện Bù Gia Mập", "huyện Lộc Ninh", "huyện Bù Đốp"],
    },
    Province {
        name: "Tây Ninh",
        city: false,
        term_2020: 11,
        districts: &["huyện Tân Biên", "huyện Châu Thành", "huyện Bến Cầu"],
    },
    Province {
        name: "Đồng Tháp",
        city: false,
        term_2020: 11,
        districts: &["huyện Tam Nông", "huyện Hồng Ngự", "huyện Tháp Mười"],
    },
    Province {
        name: "An Giang",
        city: false,
        term_2020: 11,
        districts: &["huyện Tri Tôn", "huyện Tịnh Biên", "huyện An Phú"],
    },
    Province {
        name: "Sóc Trăng",
        city: false,
        term_2020: 14,
        districts: &["huyện Trần Đề", "huyện Mỹ Xuyên", "huyện Cù Lao Dung"],
    },
    Province {
        name: "Cà Mau",
        city: false,
        term_2020: 16,
        districts: &["huyện Ngọc Hiển", "huyện Năm Căn", "huyện Trần Văn Thời"],
    },
    Province {
        name: "Trà Vinh",
        city: false,
        term_2020: 11,
        districts: &["huyện Trà Cú", "huyện Cầu Ngang", "huyện Duyên Hải"],
    },
    Province {
        name: "Hà Nội",
        city: true,
        term_2020: 17,
        districts: &[
            "quận Ba Đình",
            "quận Hoàn Kiếm",
            "huyện Sóc Sơn",
            "huyện Ba Vì",
            "huyện Mỹ Đức",
        ],
    },
    Province {
        name: "Hải Phòng",
        city: true,
        term_2020: 16,
        districts: &["huyện Thủy Nguyên", "huyện Cát Hải", "quận Hồng Bàng"],
    },
    Province {
        name: "Đà Nẵng",
        city: true,
        term_2020: 22,
        districts: &["quận Hải Châu", "huyện Hòa Vang", "quận Sơn Trà"],
    },
    Province {
        name: "Cần Thơ",
        city: true,
        term_2020: 15,
        districts: &["quận Ninh Kiều", "huyện Phong Điền", "huyện Cờ Đỏ"],
    },
];

pub(crate) const COMMUNES: &[&str] = &[
    "Đồng Tiến",
    "Tân Lập",
    "Quang Trung",
    "Hòa Bình",
    "Thanh Sơn",
    "Minh Khai",
    "Tùng Vài",
    "Lũng Cú",
    "Sủng Là",
    "Phú Linh",
    "Yên Thành",
    "Vĩnh Hảo",
    "Tân Thịnh",
    "Thượng Sơn",
    "Phong Quang",
    "An Khánh",
    "Tam Sơn",
    "Quyết Tiến",
    "Na Khê",
    "Bạch Đích",
    "Xuân Giang",
    "Đạo Đức",
    "Việt Lâm",
    "Kim Ngọc",
    "Hùng An",
    "Đồng Yên",
    "Liên Hiệp",
    "Bằng Hành",
    "Tân Quang",
    "Thông Nguyên",
    "Hồ Thầu",
    "Nàng Đôn",
    "Bản Máy",
    "Thái An",
    "Lao Chải",
    "Nghĩa Thuận",
    "Cán Tỷ",
    "Đông Hà",
    "Ngọc Đường",
    "Phương Tiến",
];

pub(crate) const FAMILY_NAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Vàng", "Lò", "Sùng", "Giàng", "Triệu", "Nông", "Hà", "Đinh", "Lương", "Mai", "Phan",
    "Cao", "Lục", "Ma",
];

pub(crate) const MIDDLE_NAMES: &[&str] = &[
    "Văn", "Thị", "Đức", "Minh", "Quang", "Thanh", "Xuân", "Hữu", "Thế", "Ngọc", "Hồng", "Mạnh",
    "Seo", "Trọng", "Anh", "Bá", "Công", "Kim",
];

pub(crate) const GIVEN_NAMES: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hùng", "Hoa", "Lan", "Long", "Sơn", "Thắng", "Tuấn", "Hải",
    "Hà", "Giang", "Phúc", "Hiếu", "Khánh", "Linh", "Mai", "Nam", "Nga", "Phương", "Quân", "Sính",
    "Tâm", "Thảo", "Thủy", "Trung", "Vinh", "Yến", "Chiến", "Đông", "Huyền", "Lợi", "Minh",
    "Nguyên", "Quý", "Tùng", "Việt", "Xuyên",
];

/// What a subject (trích yếu) opens with, before its object.
pub(crate) const SUBJECT_LEADS: &[&str] = &[
    "tăng cường sự lãnh đạo của Đảng đối với",
    "tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy đảng đối với",
    "đẩy mạnh",
    "tiếp tục đẩy mạnh",
    "nâng cao chất lượng, hiệu quả",
    "tiếp tục đổi mới và nâng cao chất lượng",
    "tiếp tục thực hiện",
    "tăng cường",
    "đổi mới",
    "nâng cao hiệu quả",
    "một số giải pháp về",
    "phát huy vai trò của cả hệ thống chính trị trong",
    "khắc phục hạn chế, yếu kém trong",
    "tổ chức thực hiện",
    "kiện toàn và nâng cao hiệu quả",
    "đẩy mạnh và nâng cao chất lượng",
    "tăng cường trách nhiệm của người đứng đầu trong",
    "lãnh đạo thực hiện",
];

/// Objects of political and administrative work.
pub(crate) const OBJECTS: &[&str] = &[
    "công tác xây dựng, chỉnh đốn Đảng",
    "công tác tư tưởng, lý luận, báo chí, xuất bản",
    "công tác bảo vệ nền tảng tư tưởng của Đảng",
    "đấu tranh phản bác các quan điểm sai trái, thù địch",
    "công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
    "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "công tác cán bộ và quản lý đội ngũ cán bộ",
    "công tác quy hoạch, đào tạo, bồi dưỡng cán bộ",
    "công tác phát triển đảng viên",
    "chất lượng sinh hoạt chi bộ",
    "công tác dân vận của các cơ quan nhà nước",
    "phong trào thi đua Dân vận khéo",
    "công tác tuyên truyền miệng",
    "công tác giáo dục lý luận chính trị",
    "phát triển kinh tế - xã hội",
    "xây dựng nông thôn mới",
    "giảm nghèo bền vững",
    "phát triển kinh tế tập thể, hợp tác xã",
    "phát triển du lịch cộng đồng",
    "bảo tồn và phát huy giá trị di sản văn hóa các dân tộc",
    "xây dựng đời sống văn hóa ở khu dân cư",
    "công tác bảo vệ môi trường",
    "phòng, chống thiên tai và ứng phó với biến đổi khí hậu",
    "quản lý, bảo vệ và phát triển rừng",
    "công tác quản lý đất đai",
    "công tác bồi thường, giải phóng mặt bằng",
    "cải cách hành chính",
    "công tác văn thư, lưu trữ",
    "công tác bảo vệ bí mật nhà nước",
    "công tác quốc phòng, quân sự địa phương",
    "xây dựng khu vực phòng thủ vững chắc",
    "bảo vệ chủ quyền, an ninh biên giới quốc gia",
    "bảo đảm an ninh chính trị, trật tự an toàn xã hội",
    "phòng, chống tội phạm và tệ nạn xã hội",
    "công tác phòng, chống ma túy",
    "bảo đảm trật tự an toàn giao thông",
    "công tác dân tộc, tôn giáo",
    "thực hiện chính sách đối với đồng bào dân tộc thiểu số",
    "công tác người có công với cách mạng",
    "công tác bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân",
    "phòng, chống dịch bệnh",
    "đổi mới căn bản, toàn diện giáo dục và đào tạo",
    "phổ cập giáo dục, xóa mù chữ",
    "phát triển nguồn nhân lực chất lượng cao",
    "công tác bình đẳng giới và vì sự tiến bộ của phụ nữ",
    "công tác thanh niên",
    "công tác chăm sóc, giáo dục và bảo vệ trẻ em",
    "công tác người cao tuổi",
    "công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
    "công tác hòa giải ở cơ sở",
    "công tác phổ biến, giáo dục pháp luật",
    "thực hành tiết kiệm, chống lãng phí",
    "quản lý tài chính, ngân sách",
    "thu hút đầu tư",
    "phát triển doanh nghiệp nhỏ và vừa",
    "phát triển kết cấu hạ tầng giao thông",
    "xây dựng đô thị văn minh",
    "công tác thông tin đối ngoại",
    "tinh giản biên chế",
    "sắp xếp đơn vị hành chính cấp huyện, cấp xã",
    "tổ chức đại hội đảng bộ các cấp",
    "công tác bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân các cấp",
    "tổ chức kỷ niệm các ngày lễ lớn, sự kiện lịch sử quan trọng",
    "nghiên cứu, biên soạn lịch sử đảng bộ địa phương",
    "giáo dục truyền thống cách mạng cho thế hệ trẻ",
    "công tác thi đua, khen thưởng",
    "công tác nội chính",
    "công tác bảo vệ chính trị nội bộ",
    "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
    "nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở đảng",
    "công tác đảng viên ở doanh nghiệp ngoài khu vực nhà nước",
    "bảo đảm an sinh xã hội",
    "giải quyết việc làm, đào tạo nghề cho lao động nông thôn",
    "thực hiện bảo hiểm xã hội, bảo hiểm y tế toàn dân",
    "xây dựng gia đình no ấm, tiến bộ, hạnh phúc",
    "phát triển văn hóa đọc",
    "phát triển thể dục, thể thao quần chúng",
    "quản lý hoạt động báo chí, xuất bản",
    "công tác nắm bắt dư luận xã hội",
    "cơ cấu lại ngành nông nghiệp",
    "xây dựng thương hiệu nông sản",
    "chuyển đổi cơ cấu cây trồng, vật nuôi",
    "phát triển kinh tế biển",
    "bảo vệ tài nguyên nước",
    "phòng cháy, chữa cháy rừng",
    "quản lý hoạt động khai thác khoáng sản",
    "thực hiện các chương trình mục tiêu quốc gia",
    "quản lý và sử dụng vốn đầu tư công",
    "công tác kiểm tra tài chính đảng",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "xây dựng và thực hiện chuẩn mực đạo đức của cán bộ, đảng viên",
    "trách nhiệm nêu gương của cán bộ, đảng viên",
    "công tác phụ nữ",
    "hoạt động của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
    "công tác khuyến học, khuyến tài",
    "xây dựng xã hội học tập",
    "quản lý nhà nước về văn hóa",
    "phòng, chống bạo lực gia đình",
    "công tác dân số",
    "phát triển mạng lưới y tế cơ sở",
    "bảo đảm an toàn thực phẩm",
    "xây dựng đội ngũ trí thức",
    "phát huy vai trò của người có uy tín trong đồng bào dân tộc thiểu số",
];

/// Objects that belong to the last decade (digital government, the 2017 reorganisation):
/// used only from 2016 on.
pub(crate) const MODERN_OBJECTS: &[&str] = &[
    "chuyển đổi số",
    "xây dựng chính quyền số",
    "ứng dụng công nghệ thông tin trong hoạt động của các cơ quan đảng",
    "số hóa tài liệu lưu trữ",
    "quản lý thông tin trên mạng Internet",
    "xử lý thông tin xấu, độc trên không gian mạng",
    "phát triển sản phẩm mỗi xã một sản phẩm",
    "phát triển khoa học, công nghệ và đổi mới sáng tạo",
    "phát triển năng lượng tái tạo",
    "sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả",
    "kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn",
    "thực hiện dân chủ ở cơ sở",
];
pub(crate) const MODERN_FROM: i32 = 2016;

/// Scopes appended to a subject at each level; `{a}`/`{b}` stand for years around the date.
pub(crate) const CENTRAL_SCOPES: &[&str] = &[
    "",
    "",
    " trong tình hình mới",
    " trong giai đoạn mới",
    " đến năm {b}",
    " giai đoạn {a} - {b}",
    " trong thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước",
];
pub(crate) const PROVINCE_SCOPES: &[&str] = &[
    "",
    " trên địa bàn tỉnh",
    " trên địa bàn tỉnh",
    " giai đoạn {a} - {b}",
    " đến năm {b}",
    " năm {a}",
    " ở vùng đồng bào dân tộc thiểu số",
    " ở khu vực biên giới",
    " trong các cơ quan, đơn vị",
];
pub(crate) const DISTRICT_SCOPES: &[&str] = &[
    "",
    " trên địa bàn huyện",
    " trên địa bàn huyện",
    " giai đoạn {a} - {b}",
    " năm {a}",
    " ở các thôn, bản vùng cao",
];

pub(crate) const CENTRAL_ACTORS: &[&str] = &[
    "các cấp ủy, tổ chức đảng",
    "các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
    "các ban đảng, ban cán sự đảng, đảng đoàn",
    "Đảng đoàn Quốc hội",
    "Ban cán sự đảng Chính phủ",
    "Đảng đoàn Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội",
    "Ban Tổ chức Trung ương",
    "Ủy ban Kiểm tra Trung ương",
    "Văn phòng Trung ương Đảng",
    "các bộ, ngành, địa phương",
    "các cơ quan báo chí, xuất bản",
];
pub(crate) const PROVINCE_ACTORS: &[&str] = &[
    "các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
    "các ban xây dựng Đảng của Tỉnh ủy",
    "Ban cán sự đảng Ủy ban nhân dân tỉnh",
    "Đảng đoàn Hội đồng nhân dân tỉnh",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "các sở, ban, ngành, đoàn thể tỉnh",
    "Đảng đoàn Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tỉnh",
    "Trường Chính trị tỉnh",
    "Báo và Đài Phát thanh - Truyền hình tỉnh",
];
pub(crate) const DISTRICT_ACTORS: &[&str] = &[
    "các chi bộ, đảng bộ trực thuộc",
    "Ủy ban nhân dân huyện",
    "các cơ quan chuyên môn của huyện",
    "Mặt trận Tổ quốc và các đoàn thể huyện",
    "đảng ủy các xã, thị trấn",
    "Ban Tuyên giáo Huyện ủy",
    "Ủy ban Kiểm tra Huyện ủy",
    "Văn phòng Huyện ủy",
    "Trung tâm Chính trị huyện",
];
pub(crate) const COMMUNE_ACTORS: &[&str] = &[
    "các chi bộ trực thuộc",
    "Ủy ban nhân dân xã",
    "Mặt trận Tổ quốc và các đoàn thể xã",
    "các thôn, bản",
    "cán bộ, đảng viên trong Đảng bộ",
    "bí thư chi bộ, trưởng thôn",
];
pub(crate) const STATE_CENTRAL_ACTORS: &[&str] = &[
    "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
    "Bộ Nội vụ",
    "Bộ Tài chính",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Thông tin và Truyền thông",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Lao động - Thương binh và Xã hội",
    "Ủy ban Dân tộc",
];
pub(crate) const STATE_PROVINCE_ACTORS: &[&str] = &[
    "các sở, ban, ngành",
    "Ủy ban nhân dân các huyện, thành phố",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông",
    "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh",
];
pub(crate) const COMMON_ACTORS: &[&str] = &[
    "cán bộ, đảng viên",
    "người đứng đầu cấp ủy, chính quyền",
    "cán bộ, công chức, viên chức",
    "đoàn viên, hội viên và nhân dân",
    "cấp ủy, chính quyền các cấp",
    "đội ngũ báo cáo viên, tuyên truyền viên",
];

/// Verb phrases that open a task; lowercase, capitalized at the start of an item.
pub(crate) const ACTIONS: &[&str] = &[
    "tăng cường",
    "đẩy mạnh",
    "nâng cao chất lượng",
    "tiếp tục quán triệt, thực hiện nghiêm",
    "thường xuyên kiểm tra, giám sát",
    "đổi mới nội dung, phương thức",
    "chú trọng",
    "quan tâm lãnh đạo, chỉ đạo",
    "tập trung thực hiện",
    "kiện toàn tổ chức, nâng cao hiệu quả",
    "rà soát, bổ sung cơ chế, chính sách về",
    "xây dựng và triển khai kế hoạch về",
    "tổ chức tốt",
    "làm tốt",
    "định kỳ sơ kết, tổng kết",
    "đẩy mạnh ứng dụng công nghệ thông tin trong",
    "huy động các nguồn lực cho",
    "phát huy vai trò của cả hệ thống chính trị trong",
    "cụ thể hóa",
    "lồng ghép",
    "đa dạng hóa hình thức",
    "tăng cường phối hợp trong",
    "nâng cao trách nhiệm của người đứng đầu trong",
    "kịp thời tháo gỡ khó khăn, vướng mắc trong",
    "ưu tiên bố trí nguồn lực cho",
    "nhân rộng các mô hình hay, cách làm hiệu quả trong",
    "chủ động nắm bắt tình hình, tham mưu về",
    "đề cao tính tiên phong, gương mẫu của đảng viên trong",
];

pub(crate) const MANNERS: &[&str] = &[
    "thường xuyên, liên tục",
    "thiết thực, hiệu quả",
    "đồng bộ, toàn diện",
    "có trọng tâm, trọng điểm",
    "phù hợp với điều kiện thực tế của từng địa phương, đơn vị",
    "theo đúng quy định",
    "chặt chẽ, khoa học",
    "công khai, minh bạch",
    "sát với thực tiễn, tránh hình thức",
    "quyết liệt, đồng bộ",
    "kiên trì, bền bỉ",
    "có lộ trình, bước đi phù hợp",
    "bảo đảm chất lượng, tiến độ",
    "đúng nguyên tắc, thẩm quyền",
];

pub(crate) const PURPOSES: &[&str] = &[
    "nhằm nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên và nhân dân",
    "góp phần thực hiện thắng lợi nghị quyết đại hội đảng bộ các cấp",
    "bảo đảm an ninh chính trị, trật tự an toàn xã hội",
    "tạo sự đồng thuận, thống nhất cao trong Đảng và xã hội",
    "củng cố niềm tin của nhân dân đối với Đảng, Nhà nước và chế độ",
    "góp phần xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh",
    "tạo động lực cho phát triển kinh tế - xã hội",
    "đáp ứng yêu cầu, nhiệm vụ trong tình hình mới",
    "nâng cao đời sống vật chất và tinh thần của nhân dân",
    "phát huy sức mạnh khối đại đoàn kết toàn dân tộc",
    "góp phần giữ vững ổn định chính trị ở cơ sở",
    "bảo đảm hoàn thành các chỉ tiêu đã đề ra",
    "khơi dậy khát vọng phát triển",
    "tạo chuyển biến rõ nét về nhận thức và hành động",
    "bảo đảm quyền làm chủ của nhân dân",
];

/// Results, some with `{p}` (a percentage) or `{n}` (a count).
pub(crate) const RESULTS: &[&str] = &[
    "nhận thức của cán bộ, đảng viên được nâng lên rõ rệt",
    "nhiều mô hình, cách làm hay được nhân rộng",
    "đời sống vật chất và tinh thần của nhân dân từng bước được cải thiện",
    "{p}% chi bộ được xếp loại hoàn thành tốt nhiệm vụ trở lên",
    "tỷ lệ hộ nghèo giảm bình quân {q}%/năm",
    "{n} tập thể, cá nhân được biểu dương, khen thưởng",
    "{n} xã đạt chuẩn nông thôn mới",
    "kết nạp được {n} đảng viên mới",
    "{p}% cán bộ, đảng viên tham gia học tập, quán triệt",
    "an ninh chính trị, trật tự an toàn xã hội được giữ vững",
    "kỷ luật, kỷ cương hành chính được tăng cường",
    "vai trò của người đứng đầu được phát huy",
    "công tác phối hợp giữa các cơ quan ngày càng chặt chẽ",
    "niềm tin của nhân dân đối với Đảng được củng cố",
    "chất lượng sinh hoạt chi bộ có chuyển biến tích cực",
    "{p}% thủ tục hành chính được giải quyết trực tuyến",
    "tổng mức đầu tư huy động đạt trên {n} tỷ đồng",
    "các vụ việc phức tạp được giải quyết kịp thời, không để hình thành điểm nóng",
];

pub(crate) const LIMITATIONS: &[&str] = &[
    "công tác tuyên truyền ở một số nơi còn hình thức",
    "việc triển khai ở cơ sở còn chậm",
    "sự phối hợp giữa các cơ quan có lúc chưa chặt chẽ",
    "nguồn lực đầu tư còn hạn chế",
    "một số cấp ủy chưa thật sự quan tâm lãnh đạo, chỉ đạo",
    "công tác kiểm tra, giám sát chưa thường xuyên",
    "chất lượng sinh hoạt của một số chi bộ chưa cao",
    "việc sơ kết, tổng kết chưa kịp thời",
    "một bộ phận cán bộ, đảng viên còn ngại khó, ngại khổ",
    "cơ sở vật chất phục vụ nhiệm vụ còn thiếu",
    "việc ứng dụng công nghệ thông tin còn hạn chế",
    "kết quả thực hiện một số chỉ tiêu chưa đạt kế hoạch",
];

pub(crate) const CAUSES: &[&str] = &[
    "nhận thức của một số cấp ủy, người đứng đầu chưa đầy đủ",
    "địa bàn rộng, địa hình chia cắt, giao thông đi lại khó khăn",
    "trình độ, năng lực của một bộ phận cán bộ cơ sở còn hạn chế",
    "cơ chế, chính sách còn chưa đồng bộ",
    "việc phân công nhiệm vụ chưa rõ người, rõ việc",
    "nguồn lực của địa phương còn hạn hẹp",
    "tác động tiêu cực của thiên tai, dịch bệnh",
    "công tác tham mưu của một số cơ quan chưa chủ động",
];

pub(crate) const TIMES: &[&str] = &[
    "Trong thời gian tới",
    "Từ nay đến cuối năm {a}",
    "Trong nhiệm kỳ {a} - {b}",
    "Hằng năm",
    "Định kỳ 6 tháng",
    "Trong năm {a}",
    "Trước mắt",
    "Về lâu dài",
];

pub(crate) const UNITS: &[&str] = &[
    "chi bộ",
    "tổ chức cơ sở đảng",
    "cơ quan, đơn vị",
    "xã, phường, thị trấn",
    "thôn, bản, tổ dân phố",
    "trường học",
    "hộ gia đình",
];

pub(crate) const DONE: &[&str] = &[
    "tổ chức quán triệt đến cán bộ, đảng viên",
    "xây dựng kế hoạch thực hiện",
    "đăng ký nội dung làm theo",
    "hoàn thành việc rà soát, bổ sung quy chế làm việc",
    "đưa nội dung vào sinh hoạt chuyên đề",
    "ký cam kết thực hiện",
];

/// Laws a decree details or a decision rests on, with the year each was passed.
pub(crate) const LAWS: &[(i32, &str)] = &[
    (2008, "Luật Cán bộ, công chức"),
    (2010, "Luật Viên chức"),
    (2011, "Luật Lưu trữ"),
    (1993, "Luật Đất đai"),
    (1998, "Luật Giáo dục"),
    (1993, "Luật Bảo vệ môi trường"),
    (1996, "Luật Ngân sách nhà nước"),
    (2014, "Luật Đầu tư công"),
    (2005, "Luật Phòng, chống tham nhũng"),
    (2016, "Luật Tiếp cận thông tin"),
    (2003, "Luật Thi đua, khen thưởng"),
    (2001, "Luật Di sản văn hóa"),
    (2018, "Luật An ninh mạng"),
    (2005, "Luật Giao dịch điện tử"),
    (2022, "Luật Thực hiện dân chủ ở cơ sở"),
];

/// The law organising the Government, then local government, in force in a year.
pub(crate) fn organisation_law(year: i32, central: bool) -> &'static str {
    match (central, year) {
        (true, y) if y >= 2016 => "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        (true, y) if y >= 2002 => "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;",
        (true, _) => "Căn cứ Luật Tổ chức Chính phủ ngày 30 tháng 9 năm 1992;",
        (false, y) if y >= 2016 => {
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
        }
        (false, y) if y >= 2004 => {
            "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;"
        }
        (false, _) => {
            "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 21 tháng 6 năm 1994;"
        }
    }
}

/// Resolutions cited by name rather than number, from the year after they were adopted.
pub(crate) const NAMED_RESOLUTIONS: &[(i32, &str)] = &[
    (
        1999,
        "Nghị quyết Trung ương 5 (khóa VIII) về xây dựng và phát triển nền văn hóa Việt Nam tiên tiến, đậm đà bản sắc dân tộc",
    ),
    (
        2009,
        "Nghị quyết Trung ương 7 (khóa X) về nông nghiệp, nông dân, nông thôn",
    ),
    (
        2013,
        "Nghị quyết Trung ương 4 (khóa XI) về một số vấn đề cấp bách về xây dựng Đảng hiện nay",
    ),
    (
        2017,
        "Nghị quyết Trung ương 4 (khóa XII) về tăng cường xây dựng, chỉnh đốn Đảng",
    ),
    (
        2021,
        "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    ),
    (
        2022,
        "Kết luận Hội nghị Trung ương 4 khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    ),
];
