// Real articles of two Vietnamese laws (from the ALQAC 2023 corpus), verbatim, for tests that need
// legal text with structure: khoản "1.", điểm "a)", cross references ("khoản 2 Điều 5").

/** Luật Cư trú (68/2020/QH14), Điều 1, 12, 13, 20, 21. */
export const LUAT_CU_TRU_ARTICLES = `Điều 1. Phạm vi điều chỉnh

Luật này quy định về việc thực hiện quyền tự do cư trú của công dân Việt Nam trên lãnh thổ nước Cộng hòa xã hội chủ nghĩa Việt Nam; việc đăng ký, quản lý cư trú; quyền, nghĩa vụ, trách nhiệm của công dân, cơ quan, tổ chức về đăng ký, quản lý cư trú.

Điều 12. Nơi cư trú của người chưa thành niên

1. Nơi cư trú của người chưa thành niên là nơi cư trú của cha, mẹ; nếu cha, mẹ có nơi cư trú khác nhau thì nơi cư trú của người chưa thành niên là nơi cư trú của cha hoặc mẹ mà người chưa thành niên thường xuyên chung sống; trường hợp không xác định được nơi thường xuyên chung sống thì nơi cư trú của người chưa thành niên là nơi do cha, mẹ thỏa thuận; trường hợp cha, mẹ không thỏa thuận được thì nơi cư trú của người chưa thành niên do Tòa án quyết định.

2. Người chưa thành niên có thể có nơi cư trú khác với nơi cư trú của cha, mẹ nếu được cha, mẹ đồng ý hoặc pháp luật có quy định.

Điều 13. Nơi cư trú của người được giám hộ

1. Nơi cư trú của người được giám hộ là nơi cư trú của người giám hộ.

2. Người được giám hộ có thể có nơi cư trú khác với nơi cư trú của người giám hộ nếu được người giám hộ đồng ý hoặc pháp luật có quy định.

Điều 20. Điều kiện đăng ký thường trú

1. Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó.

2. Công dân được đăng ký thường trú tại chỗ ở hợp pháp không thuộc quyền sở hữu của mình khi được chủ hộ và chủ sở hữu chỗ ở hợp pháp đó đồng ý trong các trường hợp sau đây:

a) Vợ về ở với chồng; chồng về ở với vợ; con về ở với cha, mẹ; cha, mẹ về ở với con;

b) Người cao tuổi về ở với anh ruột, chị ruột, em ruột, cháu ruột; người khuyết tật đặc biệt nặng, người khuyết tật nặng, người không có khả năng lao động, người bị bệnh tâm thần hoặc bệnh khác làm mất khả năng nhận thức, khả năng điều khiển hành vi về ở với ông nội, bà nội, ông ngoại, bà ngoại, anh ruột, chị ruột, em ruột, bác ruột, chú ruột, cậu ruột, cô ruột, dì ruột, cháu ruột, người giám hộ;

c) Người chưa thành niên được cha, mẹ hoặc người giám hộ đồng ý hoặc không còn cha, mẹ về ở với cụ nội, cụ ngoại, ông nội, bà nội, ông ngoại, bà ngoại, anh ruột, chị ruột, em ruột, bác ruột, chú ruột, cậu ruột, cô ruột, dì ruột; người chưa thành niên về ở với người giám hộ.

3. Trừ trường hợp quy định tại khoản 2 Điều này, công dân được đăng ký thường trú tại chỗ ở hợp pháp do thuê, mượn, ở nhờ khi đáp ứng các điều kiện sau đây:

a) Được chủ sở hữu chỗ ở hợp pháp đồng ý cho đăng ký thường trú tại địa điểm thuê, mượn, ở nhờ và được chủ hộ đồng ý nếu đăng ký thường trú vào cùng hộ gia đình đó;

b) Bảo đảm điều kiện về diện tích nhà ở tối thiểu do Hội đồng nhân dân cấp tỉnh quy định nhưng không thấp hơn 08 m2 sàn/người.

4. Công dân được đăng ký thường trú tại cơ sở tín ngưỡng, cơ sở tôn giáo có công trình phụ trợ là nhà ở khi thuộc một trong các trường hợp sau đây:

a) Người hoạt động tôn giáo được phong phẩm, bổ nhiệm, bầu cử, suy cử, thuyên chuyển đến hoạt động tôn giáo tại cơ sở tôn giáo;

b) Người đại diện cơ sở tín ngưỡng;

c) Người được người đại diện hoặc ban quản lý cơ sở tín ngưỡng đồng ý cho đăng ký thường trú để trực tiếp quản lý, tổ chức hoạt động tín ngưỡng tại cơ sở tín ngưỡng;

d) Trẻ em, người khuyết tật đặc biệt nặng, người khuyết tật nặng, người không nơi nương tựa được người đại diện hoặc ban quản lý cơ sở tín ngưỡng, người đứng đầu hoặc người đại diện cơ sở tôn giáo đồng ý cho đăng ký thường trú.

5. Người được chăm sóc, nuôi dưỡng, trợ giúp được đăng ký thường trú tại cơ sở trợ giúp xã hội khi được người đứng đầu cơ sở đó đồng ý hoặc được đăng ký thường trú vào hộ gia đình nhận chăm sóc, nuôi dưỡng khi được chủ hộ và chủ sở hữu chỗ ở hợp pháp đồng ý.

6. Người sinh sống, người làm nghề lưu động trên phương tiện được đăng ký thường trú tại phương tiện đó khi đáp ứng các điều kiện sau đây:

a) Là chủ phương tiện hoặc được chủ phương tiện đó đồng ý cho đăng ký thường trú;

b) Phương tiện được đăng ký, đăng kiểm theo quy định của pháp luật; trường hợp phương tiện không thuộc đối tượng phải đăng ký, đăng kiểm thì phải có xác nhận của Ủy ban nhân dân cấp xã nơi phương tiện thường xuyên đậu, đỗ về việc sử dụng phương tiện đó vào mục đích để ở;

c) Có xác nhận của Ủy ban nhân dân cấp xã về việc phương tiện đã đăng ký đậu, đỗ thường xuyên trên địa bàn trong trường hợp phương tiện không phải đăng ký hoặc nơi đăng ký phương tiện không trùng với nơi thường xuyên đậu, đỗ.

7. Việc đăng ký thường trú của người chưa thành niên phải được sự đồng ý của cha, mẹ hoặc người giám hộ, trừ trường hợp nơi cư trú của người chưa thành niên do Tòa án quyết định.

8. Công dân không được đăng ký thường trú mới tại chỗ ở quy định tại Điều 23 của Luật này, trừ trường hợp quy định tại điểm a khoản 2 Điều này.

Điều 21. Hồ sơ đăng ký thường trú

1. Hồ sơ đăng ký thường trú đối với người quy định tại khoản 1 Điều 20 của Luật này bao gồm:

a) Tờ khai thay đổi thông tin cư trú;

b) Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp.

2. Hồ sơ đăng ký thường trú đối với người quy định tại khoản 2 Điều 20 của Luật này bao gồm:

a) Tờ khai thay đổi thông tin cư trú, trong đó ghi rõ ý kiến đồng ý cho đăng ký thường trú của chủ hộ, chủ sở hữu chỗ ở hợp pháp hoặc người được ủy quyền, trừ trường hợp đã có ý kiến đồng ý bằng văn bản;

b) Giấy tờ, tài liệu chứng minh quan hệ nhân thân với chủ hộ, thành viên hộ gia đình, trừ trường hợp đã có thông tin thể hiện quan hệ này trong Cơ sở dữ liệu quốc gia về dân cư, Cơ sở dữ liệu về cư trú;

c) Giấy tờ, tài liệu chứng minh các điều kiện khác quy định tại điểm b,  điểm c khoản 2 Điều 20 của Luật này.

3. Hồ sơ đăng ký thường trú đối với người quy định tại khoản 3 Điều 20 của Luật này bao gồm:

a) Tờ khai thay đổi thông tin cư trú, trong đó ghi rõ ý kiến đồng ý cho đăng ký thường trú của chủ hộ, chủ sở hữu chỗ ở hợp pháp được cho thuê, cho mượn, cho ở nhờ hoặc người được ủy quyền, trừ trường hợp đã có ý kiến đồng ý bằng văn bản;

b) Hợp đồng cho thuê, cho mượn, cho ở nhờ hoặc văn bản về việc cho mượn, cho ở nhờ chỗ ở hợp pháp đã được công chứng hoặc chứng thực theo quy định của pháp luật;

c) Giấy tờ, tài liệu chứng minh đủ diện tích nhà ở để đăng ký thường trú theo quy định.

4. Hồ sơ đăng ký thường trú đối với người quy định tại các điểm a, b và c khoản 4 Điều 20 của Luật này bao gồm:

a) Tờ khai thay đổi thông tin cư trú; đối với người quy định tại điểm c  khoản 4 Điều 20 của Luật này thì trong tờ khai phải ghi rõ ý kiến đồng ý cho đăng ký thường trú của người đại diện hoặc ban quản lý cơ sở tín ngưỡng, trừ trường hợp đã có ý kiến đồng ý bằng văn bản;

b) Giấy tờ, tài liệu chứng minh là nhà tu hành, chức sắc, chức việc hoặc người khác hoạt động tôn giáo và được hoạt động tại cơ sở tôn giáo đó theo quy định của pháp luật về tín ngưỡng, tôn giáo đối với người quy định tại điểm a khoản 4 Điều 20 của Luật này; giấy tờ, tài liệu chứng minh là người đại diện cơ sở tín ngưỡng đối với người quy định tại điểm b khoản 4 Điều 20 của Luật này;

c) Văn bản xác nhận của Ủy ban nhân dân cấp xã về việc trong cơ sở tín ngưỡng, cơ sở tôn giáo có công trình phụ trợ là nhà ở.

5. Hồ sơ đăng ký thường trú đối với người quy định tại điểm d khoản 4 Điều 20 của Luật này bao gồm:

a) Tờ khai thay đổi thông tin cư trú, trong đó ghi rõ ý kiến đồng ý cho đăng ký thường trú của người đại diện hoặc ban quản lý cơ sở tín ngưỡng hay người đứng đầu hoặc người đại diện cơ sở tôn giáo, trừ trường hợp đã có ý kiến đồng ý bằng văn bản;

b) Văn bản xác nhận của Ủy ban nhân dân cấp xã về việc người đăng ký thường trú thuộc đối tượng quy định tại khoản 2 Điều 17 của Luật này và việc trong cơ sở tín ngưỡng, cơ sở tôn giáo có công trình phụ trợ là nhà ở.

6. Hồ sơ đăng ký thường trú đối với người quy định tại khoản 5 Điều 20 của Luật này bao gồm:

a) Tờ khai thay đổi thông tin cư trú; đối với người được cá nhân, hộ gia đình nhận chăm sóc, nuôi dưỡng thì trong tờ khai phải ghi rõ ý kiến đồng ý cho đăng ký thường trú của chủ hộ nhận chăm sóc, nuôi dưỡng, chủ sở hữu chỗ ở hợp pháp của cá nhân, hộ gia đình nhận chăm sóc, nuôi dưỡng hoặc người được ủy quyền, trừ trường hợp đã có ý kiến đồng ý bằng văn bản;

b) Văn bản đề nghị của người đứng đầu cơ sở trợ giúp xã hội đối với người được cơ sở trợ giúp xã hội nhận chăm sóc, nuôi dưỡng, trợ giúp;

c) Giấy tờ, tài liệu xác nhận về việc chăm sóc, nuôi dưỡng, trợ giúp.

7. Hồ sơ đăng ký thường trú đối với người quy định tại khoản 6 Điều 20 của Luật này bao gồm:

a) Tờ khai thay đổi thông tin cư trú; đối với người đăng ký thường trú không phải là chủ phương tiện thì trong tờ khai phải ghi rõ ý kiến đồng ý cho đăng ký thường trú của chủ phương tiện hoặc người được ủy quyền, trừ trường hợp đã có ý kiến đồng ý bằng văn bản;

b) Giấy chứng nhận đăng ký phương tiện và giấy chứng nhận an toàn kỹ thuật và bảo vệ môi trường của phương tiện hoặc văn bản xác nhận của Ủy ban nhân dân cấp xã về việc sử dụng phương tiện đó vào mục đích để ở đối với phương tiện không thuộc đối tượng phải đăng ký, đăng kiểm;

c) Văn bản xác nhận của Ủy ban nhân dân cấp xã về địa điểm phương tiện đăng ký đậu, đỗ thường xuyên trong trường hợp phương tiện không phải đăng ký hoặc nơi đăng ký phương tiện không trùng với nơi thường xuyên đậu, đỗ.

8. Trường hợp người đăng ký thường trú quy định tại các khoản 1, 2, 3, 4, 5, 6 và 7 Điều này là người chưa thành niên thì trong tờ khai thay đổi thông tin cư trú phải ghi rõ ý kiến đồng ý của cha, mẹ hoặc người giám hộ, trừ trường hợp đã có ý kiến đồng ý bằng văn bản.

9. Trường hợp người đăng ký thường trú quy định tại các khoản 1, 2, 3, 4, 5, 6 và 7 Điều này là người Việt Nam định cư ở nước ngoài còn quốc tịch Việt Nam thì trong hồ sơ đăng ký thường trú phải có hộ chiếu Việt Nam còn giá trị sử dụng; trường hợp không có hộ chiếu Việt Nam còn giá trị sử dụng thì phải có giấy tờ, tài liệu khác chứng minh có quốc tịch Việt Nam và văn bản đồng ý cho giải quyết thường trú của cơ quan quản lý xuất, nhập cảnh của Bộ Công an.

10. Chính phủ quy định chi tiết về các loại giấy tờ, tài liệu chứng minh chỗ ở hợp pháp và giấy tờ, tài liệu chứng minh quan hệ nhân thân quy định tại Điều này.
`;

/** Luật Hôn nhân và gia đình (52/2014/QH13), Điều 1, 5, 8, 9, 12. */
export const LUAT_HON_NHAN_ARTICLES = `Điều 1. Phạm vi điều chỉnh

Luật này quy định chế độ hôn nhân và gia đình; chuẩn mực pháp lý cho cách ứng xử giữa các thành viên gia đình; trách nhiệm của cá nhân, tổ chức, Nhà nước và xã hội trong việc xây dựng, củng cố chế độ hôn nhân và gia đình.

Điều 5. Bảo vệ chế độ hôn nhân và gia đình

1. Quan hệ hôn nhân và gia đình được xác lập, thực hiện theo quy định của Luật này được tôn trọng và được pháp luật bảo vệ.

2. Cấm các hành vi sau đây:

a) Kết hôn giả tạo, ly hôn giả tạo;

b) Tảo hôn, cưỡng ép kết hôn, lừa dối kết hôn, cản trở kết hôn;

c) Người đang có vợ, có chồng mà kết hôn hoặc chung sống như vợ chồng với người khác hoặc chưa có vợ, chưa có chồng mà kết hôn hoặc chung sống như vợ chồng với người đang có chồng, có vợ;

d) Kết hôn hoặc chung sống như vợ chồng giữa những người cùng dòng máu về trực hệ; giữa những người có họ trong phạm vi ba đời; giữa cha, mẹ nuôi với con nuôi; giữa người đã từng là cha, mẹ nuôi với con nuôi, cha chồng với con dâu, mẹ vợ với con rể, cha dượng với con riêng của vợ, mẹ kế với con riêng của chồng;

đ) Yêu sách của cải trong kết hôn;

e) Cưỡng ép ly hôn, lừa dối ly hôn, cản trở ly hôn;

g) Thực hiện sinh con bằng kỹ thuật hỗ trợ sinh sản vì mục đích thương mại, mang thai hộ vì mục đích thương mại, lựa chọn giới tính thai nhi, sinh sản vô tính;

h) Bạo lực gia đình;

i) Lợi dụng việc thực hiện quyền về hôn nhân và gia đình để mua bán người, bóc lột sức lao động, xâm phạm tình dục hoặc có hành vi khác nhằm mục đích trục lợi.

3. Mọi hành vi vi phạm pháp luật về hôn nhân và gia đình phải được xử lý nghiêm minh, đúng pháp luật.

Cơ quan, tổ chức, cá nhân có quyền yêu cầu Tòa án, cơ quan khác có thẩm quyền áp dụng biện pháp kịp thời ngăn chặn và xử lý người có hành vi vi phạm pháp luật về hôn nhân và gia đình.

4. Danh dự, nhân phẩm, uy tín, bí mật đời tư và các quyền riêng tư khác của các bên được tôn trọng, bảo vệ trong quá trình giải quyết vụ việc về hôn nhân và gia đình.

Điều 8. Điều kiện kết hôn

1. Nam, nữ kết hôn với nhau phải tuân theo các điều kiện sau đây:

a) Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên;

b) Việc kết hôn do nam và nữ tự nguyện quyết định;

c) Không bị mất năng lực hành vi dân sự;

d) Việc kết hôn không thuộc một trong các trường hợp cấm kết hôn theo quy định tại các điểm a, b, c và d khoản 2 Điều 5 của Luật này.

2. Nhà nước không thừa nhận hôn nhân giữa những người cùng giới tính.

Điều 9. Đăng ký kết hôn

1. Việc kết hôn phải được đăng ký và do cơ quan nhà nước có thẩm quyền thực hiện theo quy định của Luật này và pháp luật về hộ tịch.

Việc kết hôn không được đăng ký theo quy định tại khoản này thì không có giá trị pháp lý.

2. Vợ chồng đã ly hôn muốn xác lập lại quan hệ vợ chồng thì phải đăng ký kết hôn.

Điều 12. Hậu quả pháp lý của việc hủy kết hôn trái pháp luật

1. Khi việc kết hôn trái pháp luật bị hủy thì hai bên kết hôn phải chấm dứt quan hệ như vợ chồng.

2. Quyền, nghĩa vụ của cha, mẹ, con được giải quyết theo quy định về quyền, nghĩa vụ của cha, mẹ, con khi ly hôn.

3. Quan hệ tài sản, nghĩa vụ và hợp đồng giữa các bên được giải quyết theo quy định tại Điều 16 của Luật này.
`;
