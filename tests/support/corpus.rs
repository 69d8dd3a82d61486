//! A small archive written for the tests: documents that carry and cite shared numbers, in every
//! format ingest reads, plus one classified document.
#![allow(dead_code)]

use std::path::Path;

use super::fixtures::write_as;
use super::party_document;

/// (file name, format, text)
pub fn documents() -> Vec<(&'static str, &'static str, String)> {
    let ct05_tw = party_document(
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "05-CT/TW",
        "Hà Nội, ngày 15 tháng 5 năm 2016",
        "CHỈ THỊ\nCỦA BỘ CHÍNH TRỊ",
        "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh là nhiệm vụ thường xuyên của \
         các cấp ủy, tổ chức đảng, chính quyền và mỗi cán bộ, đảng viên.\n\n1. Các cấp ủy đảng tổ chức \
         quán triệt sâu rộng nội dung cơ bản của tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    );
    let ct05_tu = party_document(
        "ĐẢNG BỘ TỈNH HÀ GIANG\nTỈNH ỦY",
        "05-CT/TU",
        "Hà Giang, ngày 10 tháng 3 năm 2021",
        "CHỈ THỊ\nCỦA BAN THƯỜNG VỤ TỈNH ỦY",
        "về tăng cường công tác bảo tồn văn hóa dân tộc Mông trên cao nguyên đá",
        "Cao nguyên đá Đồng Văn là nơi sinh sống lâu đời của đồng bào Mông, Dao, Lô Lô. \
         Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy xây dựng kế hoạch bảo tồn nhà trình tường, \
         tiếng nói, chữ viết và lễ hội truyền thống.",
    );
    let nq27_2008 = party_document(
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "27-NQ/TW",
        "Hà Nội, ngày 06 tháng 8 năm 2008",
        "NGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ BẢY BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA X",
        "về xây dựng đội ngũ trí thức trong thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước",
        "Đội ngũ trí thức là nguồn lực đặc biệt quan trọng, tạo nên sức mạnh của mỗi quốc gia. \
         Trí thức Việt Nam đã có nhiều đóng góp to lớn vào sự nghiệp giải phóng dân tộc.",
    );
    let nq27_2022 = party_document(
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "27-NQ/TW",
        "Hà Nội, ngày 09 tháng 11 năm 2022",
        "NGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII",
        "về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới",
        "Xây dựng Nhà nước pháp quyền xã hội chủ nghĩa của Nhân dân, do Nhân dân, vì Nhân dân \
         là nhiệm vụ trọng tâm của đổi mới hệ thống chính trị.",
    );
    let kl01 = party_document(
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "01-KL/TW",
        "Hà Nội, ngày 18 tháng 5 năm 2021",
        "KẾT LUẬN\nCỦA BỘ CHÍNH TRỊ",
        "về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
        "Sau 5 năm thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị, việc học tập \
         và làm theo Bác đã đi vào chiều sâu. Chỉ thị 05-CT/TW được các cấp ủy quán triệt nghiêm túc; \
         tinh thần Chỉ thị số 05-CT/TW lan tỏa trong toàn xã hội. Bộ Chính trị kết luận: tiếp tục \
         thực hiện Chỉ thị số 05-CT/TW gắn với Nghị quyết số 27-NQ/TW, ngày 09/11/2022.",
    );
    let kh123 = party_document(
        "ĐẢNG BỘ TỈNH HÀ GIANG\nTỈNH ỦY",
        "123-KH/TU",
        "Hà Giang, ngày 02 tháng 6 năm 2021",
        "KẾ HOẠCH",
        "thực hiện Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị số 05-CT/TW",
        "Thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện \
         Chỉ thị số 05-CT/TW, ngày 15/5/2016; Chỉ thị số 05-CT/TU, ngày 10/3/2021 của Ban Thường vụ \
         Tỉnh ủy; Nghị quyết số 27-NQ/TW, ngày 06/8/2008 về đội ngũ trí thức, Ban Thường vụ Tỉnh ủy \
         ban hành kế hoạch. Mỗi chi bộ đăng ký việc làm theo Chỉ thị 05; sơ kết Chỉ thị 05 hằng năm; \
         nghị quyết 27 về trí thức được quán triệt. Chỉ thị số 05-CT/TW và Chỉ thị số 05-CT/TU \
         là căn cứ để đánh giá, xếp loại chi bộ.",
    );
    let nd15 = String::from(
        "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 15/2020/NĐ-CP\n\
         Hà Nội, ngày 03 tháng 02 năm 2020\n\nNGHỊ ĐỊNH\nQuy định xử phạt vi phạm hành chính trong lĩnh vực \
         bưu chính, viễn thông, tần số vô tuyến điện, công nghệ thông tin và giao dịch điện tử\n\n\
         Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n\nChính phủ ban hành Nghị định quy định \
         xử phạt vi phạm hành chính.\n\nĐiều 1. Phạm vi điều chỉnh\n\nNghị định này quy định về hành vi vi phạm.\n\n\
         TM. CHÍNH PHỦ\nTHỦ TƯỚNG\nNguyễn Xuân Phúc\n"
    );
    let qd1234 = String::from(
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
         Số: 1234/QĐ-UBND\nHà Giang, ngày 20 tháng 7 năm 2021\n\nQUYẾT ĐỊNH\nVề việc ban hành quy chế quản lý \
         cổng thông tin điện tử tỉnh\n\nCăn cứ Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ; \
         thực hiện Nghị định 15/2020/NĐ-CP về xử phạt; Nghị định số 15/2020/NĐ-CP là căn cứ xử lý vi phạm.\n\n\
         Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cổng thông tin điện tử.\n\n\
         TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn Sơn\n"
    );
    let secret = party_document(
        "ĐẢNG BỘ TỈNH HÀ GIANG\nTỈNH ỦY\nMẬT",
        "45-BC/TU",
        "Hà Giang, ngày 12 tháng 9 năm 2023",
        "BÁO CÁO",
        "tình hình tư tưởng cán bộ vùng biên giới",
        "Thực hiện Chỉ thị số 05-CT/TW, Ban Thường vụ Tỉnh ủy báo cáo tình hình tư tưởng. \
         Từ khóa riêng của tài liệu mật: quỳnhlâmbiêngiới.",
    );
    vec![
        ("ct-05-tw.pdf", "pdf", ct05_tw),
        ("ct-05-tu.docx", "docx", ct05_tu),
        ("nq-27-2008.html", "html", nq27_2008),
        ("nq-27-2022.md", "md", nq27_2022),
        ("kl-01.pdf", "pdf", kl01),
        ("kh-123.txt", "txt", kh123),
        ("nd-15-2020.pdf", "pdf", nd15),
        ("qd-1234.docx", "docx", qd1234),
        ("bc-45-mat.pdf", "pdf", secret),
    ]
}

/// Write the corpus into `dir`; returns the number of files.
pub fn write(dir: &Path) -> usize {
    let docs = documents();
    for (name, format, text) in &docs {
        write_as(format, name, text, &dir.join(name)).expect("write corpus file");
    }
    docs.len()
}
